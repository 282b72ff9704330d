package analytics

import (
	"context"
	"database/sql"
	"fmt"

	sqlfiles "xxgk/sql"
)

// SchemaTable is a table or view the console can query.
type SchemaTable struct {
	Name    string
	View    bool
	Columns []SchemaColumn // in order
}

// SchemaColumn is one column of a SchemaTable.
type SchemaColumn struct {
	Name string
	Type string // DuckDB's type name, e.g. VARCHAR, DOUBLE, VARCHAR[]
}

// ConsoleSchema lists what an analyst can query, as DuckDB's catalog has
// it: the views first, then the tables, each with its columns in order.
func ConsoleSchema(ctx context.Context, db *sql.DB) ([]SchemaTable, error) {
	ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	defer cancel()
	rows, err := db.QueryContext(ctx, sqlfiles.Query("analytics/console_schema"))
	if err != nil {
		return nil, fmt.Errorf("analytics: console_schema: %w", err)
	}
	defer rows.Close()
	var out []SchemaTable
	for rows.Next() {
		var name string
		var view bool
		var col SchemaColumn
		if err := rows.Scan(&name, &view, &col.Name, &col.Type); err != nil {
			return nil, fmt.Errorf("analytics: console_schema: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].Name != name {
			out = append(out, SchemaTable{Name: name, View: view})
		}
		last := &out[len(out)-1]
		last.Columns = append(last.Columns, col)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("analytics: console_schema: %w", err)
	}
	return out, nil
}
