package ingest

import (
	"testing"

	"xxgk/ingest/schema"
)

// TestFigureKeyIsConcatenation: figureKey gives the concatenated key for
// every row and column of every part and template, and for keys the schema
// does not know; the tables built once hold what was concatenated per call.
func TestFigureKeyIsConcatenation(t *testing.T) {
	type key struct{ part, row, col string }
	var keys []key
	for _, tmpl := range schema.Templates {
		for _, r := range schema.S2Rows[tmpl] {
			for _, c := range r.Columns {
				keys = append(keys, key{"s2", r.Key, c.Key})
			}
			if got, want := placeName(s2RowWhere, "part 二 row ", r.Label), "part 二 row "+r.Label; got != want {
				t.Errorf("placeName(%q) = %q, want %q", r.Label, got, want)
			}
		}
	}
	for _, r := range schema.S3Rows {
		for _, c := range schema.S3Columns {
			keys = append(keys, key{"s3", r.Key, c.Key})
		}
		if got, want := placeName(s3RowWhere, "part 三 row ", r.Key), "part 三 row "+r.Key; got != want {
			t.Errorf("placeName(%q) = %q, want %q", r.Key, got, want)
		}
	}
	for _, g := range schema.S4Groups {
		for i, c := range schema.S4Columns {
			keys = append(keys, key{"s4", g.Key, c.Key})
			if got, want := s4GroupKeys[g.Key][i], schema.S4Key(g.Key, c.Key); got != want {
				t.Errorf("s4GroupKeys[%q][%d] = %q, want %q", g.Key, i, got, want)
			}
		}
		if got, want := placeName(s4GroupWhere, "part 四 ", g.Key), "part 四 "+g.Key; got != want {
			t.Errorf("placeName(%q) = %q, want %q", g.Key, got, want)
		}
	}
	keys = append(keys, key{"s2", "unknown", "new"}, key{"s9", "", ""}, key{"s2", "licensing", "这一列名长得超过了栈上缓冲区的六十四个字节以至于必须另外分配"})
	for _, k := range keys {
		if got, want := figureKey(k.part, k.row, k.col), k.part+"."+k.row+"."+k.col; got != want {
			t.Errorf("figureKey(%q, %q, %q) = %q, want %q", k.part, k.row, k.col, got, want)
		}
	}
	if got := placeName(s3RowWhere, "part 三 row ", "unknown"); got != "part 三 row unknown" {
		t.Errorf("placeName of an unknown row = %q", got)
	}
	if len(keys) < 200 {
		t.Fatalf("only %d keys: the schema was not read", len(keys))
	}
}
