package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	sqlfiles "xxgk/sql"
)

// exportDSN opens the database read-only for xxgk export. Unlike safeDSN it
// lets DuckDB write files, which is the point; nothing here runs a user's
// SQL, and no extension is fetched (Parquet is built in).
const exportDSN = "access_mode=READ_ONLY&autoinstall_known_extensions=false" +
	"&autoload_known_extensions=false&allow_community_extensions=false"

// ExportedRelation is one table or view written by ExportParquet.
type ExportedRelation struct {
	Name        string // the table or view, and its folder under the output
	Partitioned bool   // written as year=YYYY/ folders
	Rows        int64
}

// ExportParquet writes every table and view of the database at dbPath as
// Parquet under outDir: OUT/NAME/year=YYYY/*.parquet for a relation with a
// year (or a report_id, whose report gives the year), OUT/NAME/data.parquet
// for the rest, each with the relation's own column names. outDir must not
// exist yet: the files are written beside it and renamed into place when
// every relation is written and its row count checked, so a reader never
// sees a part of an export.
func ExportParquet(ctx context.Context, dbPath, outDir string) ([]ExportedRelation, error) {
	if _, err := os.Lstat(outDir); err == nil {
		return nil, fmt.Errorf("export: %s already exists; name a new folder (an export is never written over another)", outDir)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("export: %w", err)
	}
	if _, err := os.Stat(dbPath); err != nil {
		return nil, fmt.Errorf("export: %w; load reports with xxgk ingest --db %s first", err, dbPath)
	}
	db, err := sql.Open("duckdb", dbPath+"?"+exportDSN)
	if err != nil {
		return nil, fmt.Errorf("export: open %s: %w", dbPath, err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: open %s: %w", dbPath, err)
	}
	defer conn.Close()

	abs, err := filepath.Abs(outDir)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	partial, err := os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(partial)
		}
	}()
	rels, err := exportRelations(ctx, conn)
	if err != nil {
		return nil, err
	}
	out := make([]ExportedRelation, len(rels))
	for i := range rels {
		if err := exportOne(ctx, conn, partial, &rels[i]); err != nil {
			return nil, err
		}
		out[i] = rels[i].ExportedRelation
	}
	if err := os.Rename(partial, abs); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	done = true
	return out, nil
}

// exportPlan is one relation to write and how.
type exportPlan struct {
	ExportedRelation
	byYear bool // has a year column of its own; else its reports' year
}

func exportRelations(ctx context.Context, conn *sql.Conn) ([]exportPlan, error) {
	rows, err := conn.QueryContext(ctx, sqlfiles.Query("export/relations"))
	if err != nil {
		return nil, fmt.Errorf("export: list relations: %w", err)
	}
	defer rows.Close()
	var out []exportPlan
	for rows.Next() {
		var p exportPlan
		var hasReport bool
		if err := rows.Scan(&p.Name, &p.byYear, &hasReport); err != nil {
			return nil, fmt.Errorf("export: list relations: %w", err)
		}
		p.Partitioned = p.byYear || hasReport
		out = append(out, p)
	}
	return out, rows.Err()
}

// exportOne writes one relation under dir and checks that the files hold
// as many rows as the relation. An empty relation is written as one empty
// file, so that readers still find its columns.
func exportOne(ctx context.Context, conn *sql.Conn, dir string, p *exportPlan) error {
	var want, got int64
	if err := conn.QueryRowContext(ctx, sqlfiles.Query("export/count"), p.Name).Scan(&want); err != nil {
		return fmt.Errorf("export: %s: %w", p.Name, err)
	}
	if want == 0 {
		p.Partitioned = false
	}
	target := filepath.Join(dir, p.Name)
	query := "export/whole"
	switch {
	case p.Partitioned && p.byYear:
		query = "export/by_year"
	case p.Partitioned:
		query = "export/by_report_year"
	default:
		if err := os.Mkdir(target, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		target = filepath.Join(target, "data.parquet")
	}
	if _, err := conn.ExecContext(ctx, sqlfiles.Query(query), p.Name, target); err != nil {
		return fmt.Errorf("export: %s: %w", p.Name, err)
	}
	glob := filepath.Join(dir, p.Name, "**", "*.parquet")
	if err := conn.QueryRowContext(ctx, sqlfiles.Query("export/count_parquet"), glob).Scan(&got); err != nil {
		return fmt.Errorf("export: %s: read back: %w", p.Name, err)
	}
	if got != want {
		return fmt.Errorf("export: %s: wrote %d rows of %d", p.Name, got, want)
	}
	p.Rows = got
	return nil
}
