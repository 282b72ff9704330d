package analytics

import (
	"context"
	"database/sql"

	"xxgk/ingest/prose"
)

// CopiedProse is another report this report's prose repeats beyond the
// threshold (flag_copied_prose), with the repeated passages side by side.
type CopiedProse struct {
	Rule      string          `json:"rule"` // previous: the body's own earlier report; peer: another body of the county
	OtherID   int64           `json:"other_report_id"`
	OtherOrg  string          `json:"other_org"`
	OtherYear int             `json:"other_year"`
	Share     float64         `json:"share"` // of this report's prose shingles found in the other
	Passages  []prose.Passage `json:"passages"`
}

// passageShare is the least share of a sentence's shingles found in one
// sentence of the other report for the pair to be shown side by side: a
// sentence mostly the same, not one sharing a phrase.
const passageShare = 0.5

// maxPassages bounds the passages shown per comparison.
const maxPassages = 60

// copiedProse reads the comparisons of report id that flag_copied_prose
// flags and lists their passages.
func (d *DB) copiedProse(ctx context.Context, id int64) ([]CopiedProse, error) {
	var out []CopiedProse
	err := d.query(ctx, "report_copied", func(rows *sql.Rows) error {
		var c CopiedProse
		var mine, theirs string
		if err := rows.Scan(&c.Rule, &c.OtherID, &c.OtherOrg, &c.OtherYear, &c.Share, &mine, &theirs); err != nil {
			return err
		}
		c.Passages = prose.Passages(mine, theirs, passageShare)
		if len(c.Passages) > maxPassages {
			c.Passages = c.Passages[:maxPassages]
		}
		out = append(out, c)
		return nil
	}, id)
	return out, err
}
