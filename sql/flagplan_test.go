package sqlfiles_test

import (
	"fmt"
	"reflect"
	"testing"

	sqlfiles "xxgk/sql"
)

// TestPlanFlags: where an area's flags are read from, by the marks that
// concern it.
func TestPlanFlags(t *testing.T) {
	table, view := sqlfiles.FlagPlan{Rel: sqlfiles.FlagsTable}, sqlfiles.FlagPlan{Rel: sqlfiles.FlagsView}
	mixed := func(counties ...string) sqlfiles.FlagPlan {
		return sqlfiles.FlagPlan{Rel: sqlfiles.FlagsTable, FromView: counties}
	}
	c := func(name string) sqlfiles.FlagMark { return sqlfiles.FlagMark{County: name} }
	var many []sqlfiles.FlagMark
	var names []string
	for i := range sqlfiles.MaxViewCounties + 1 {
		names = append(names, fmt.Sprintf("%d县", i))
		many = append(many, c(names[i]))
	}
	unplaced := sqlfiles.FlagMark{Unplaced: true}
	everywhere := sqlfiles.FlagMark{Unplaced: true, Everywhere: true}
	for _, tc := range []struct {
		name   string
		county string
		marks  []sqlfiles.FlagMark
		want   sqlfiles.FlagPlan
	}{
		{"no mark", "", nil, table},
		{"no mark, a county", "甲县", nil, table},
		{"the county itself", "甲县", []sqlfiles.FlagMark{c("甲县")}, view},
		{"one county of the area", "", []sqlfiles.FlagMark{c("甲县")}, mixed("甲县")},
		{"a county twice", "", []sqlfiles.FlagMark{c("甲县"), c("甲县")}, mixed("甲县")},
		{"as many as read one by one", "", many[:sqlfiles.MaxViewCounties], mixed(names[:sqlfiles.MaxViewCounties]...)},
		{"more than read one by one", "", many, view},
		{"the unplaced bodies", "", []sqlfiles.FlagMark{c("甲县"), unplaced}, view},
		{"a kind everywhere", "", []sqlfiles.FlagMark{everywhere}, view},
		{"the whole table, a county", "甲县", []sqlfiles.FlagMark{everywhere}, view},
	} {
		if got := sqlfiles.PlanFlags(tc.county, tc.marks); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// TestFlagPlanParts: the reads of a plan, each with a list of counties left
// out that is never nil (bound as NULL, it would leave out every row).
func TestFlagPlanParts(t *testing.T) {
	for _, tc := range []struct {
		plan   sqlfiles.FlagPlan
		county string
		want   []sqlfiles.FlagPart
	}{
		{sqlfiles.FlagPlan{Rel: sqlfiles.FlagsTable}, "", []sqlfiles.FlagPart{{Rel: "m_flags", Except: []string{}}}},
		{sqlfiles.FlagPlan{Rel: sqlfiles.FlagsView}, "甲县", []sqlfiles.FlagPart{{Rel: "flags", County: "甲县", Except: []string{}}}},
		{sqlfiles.FlagPlan{Rel: sqlfiles.FlagsTable, FromView: []string{"甲县", "乙县"}}, "", []sqlfiles.FlagPart{
			{Rel: "m_flags", Except: []string{"甲县", "乙县"}},
			{Rel: "flags", County: "甲县", Except: []string{}},
			{Rel: "flags", County: "乙县", Except: []string{}},
		}},
	} {
		if got := tc.plan.Parts(tc.county); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v.Parts(%q): %+v, want %+v", tc.plan, tc.county, got, tc.want)
		}
	}
}
