package dashboard

import (
	"slices"
	"testing"

	"xxgk/analytics"
)

// TestFoldVersions: a version table lists only the columns its current
// table lacks (or types differently), and counts the others; the figures'
// columns are listed as keys.
func TestFoldVersions(t *testing.T) {
	cols := func(names ...string) []analytics.SchemaColumn {
		out := make([]analytics.SchemaColumn, len(names))
		for i, n := range names {
			out[i] = analytics.SchemaColumn{Name: n, Type: "DOUBLE"}
		}
		return out
	}
	tables := schemaView([]analytics.SchemaTable{
		{Name: "figures", Columns: cols("report_id", "s3.new.total", "s3.new.natural")},
		{Name: "figure_versions", Columns: cols("report_id", "s3.new.total", "s3.new.natural")},
		{Name: "report_versions", Columns: append(cols("report_id", "replaced_at"), analytics.SchemaColumn{Name: "org", Type: "VARCHAR"})},
		{Name: "reports", Columns: cols("report_id", "org")}, // org DOUBLE here: differs
		{Name: "loose_versions", Columns: cols("a")},         // no table "looses"
		{Name: "flag_a", View: true, Columns: cols("kind", "cells")},
		{Name: "flag_b", View: true, Columns: cols("kind", "cells")}, // the same columns: folded on flag_a
		{Name: "flag_c", View: true, Columns: cols("kind")},          // not the same
	}, nil)
	for i, want := range []struct {
		keys   bool
		sameAs string
		shared int
		listed []string
	}{
		{true, "", 0, []string{"report_id", "s3.new.total", "s3.new.natural"}},
		{false, "figures", 3, nil},
		{false, "reports", 1, []string{"replaced_at", "org"}},
		{false, "", 0, []string{"report_id", "org"}},
		{false, "", 0, []string{"a"}},
		{false, "", 0, []string{"kind", "cells"}},
		{false, "flag_a", 2, nil},
		{false, "", 0, []string{"kind"}},
	} {
		got := tables[i]
		var listed []string
		for _, c := range got.Columns {
			listed = append(listed, c.Name)
		}
		if got.Keys != want.keys || got.SameAs != want.sameAs || got.Shared != want.shared || !slices.Equal(listed, want.listed) ||
			got.Count() != len(want.listed)+want.shared {
			t.Errorf("%s: keys %v, same as %q, shared %d, listed %v; want %+v", got.Name, got.Keys, got.SameAs, got.Shared, listed, want)
		}
	}
	if zh := tables[0].Columns[1].Label; zh != "第三部分 · 一、本年新收政府信息公开申请数量 · 总计" {
		t.Errorf("figures s3.new.total: %q", zh)
	}
}
