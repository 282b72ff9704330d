package sqlfiles

import "slices"

// MaxViewCounties is the most counties marked stale whose flags a read of
// a larger area takes from the view, one county at a time (0.15–0.2 s of
// CPU each in a national database), the rest of the area from m_flags;
// with more, the read takes the view for the whole area (1–4 s for a
// whole country's year).
const MaxViewCounties = 3

// FlagPlan says where an area's supervision flags are read from, which
// the queries reading them take as parameters (FlagPart): FlagsTable
// (m_flags, the view flags' rows, refreshed after each run's commit) where
// no mark of m_flags_stale concerns the area (queries/analytics/
// flags_marks.sql); else the view. A run marks its counties in its own
// transaction, so its marks become visible with its reports. A read of a
// larger area than a county that finds a few counties marked (a county's
// batch, in the second or two before its refresh) reads m_flags without
// them and the view for each of them, the county bound so that its filter
// reaches the flag views' scans; the reader runs the parts in one
// transaction, so that all are of the same reports.
type FlagPlan struct {
	Rel string
	// FromView are the counties read from the view, with Rel FlagsTable.
	FromView []string
}

// FlagMark is a row of flags_marks.sql: the county marked (Unplaced: the
// unplaced bodies, in no county), or Everywhere (every county's flags of a
// kind, or the whole table).
type FlagMark struct {
	County     string
	Unplaced   bool
	Everywhere bool
}

// FlagPart is one read of a FlagPlan: the relation, the county (” for the
// whole area) and the counties left out (never nil: bound as NULL, a list
// would leave out every row).
type FlagPart struct {
	Rel, County string
	Except      []string
}

// PlanFlags decides where the flags of an area (county "" for a larger
// one) are read from, given the marks that concern it: m_flags where none
// does; the view for a marked county, or for an area where a mark reaches
// beyond its counties (everywhere, or the unplaced bodies, which the
// counties' parts would leave out), or more than MaxViewCounties are
// marked; otherwise m_flags without the marked counties, and the view for
// each of them.
func PlanFlags(county string, marks []FlagMark) FlagPlan {
	if len(marks) == 0 {
		return FlagPlan{Rel: FlagsTable}
	}
	if county != "" || len(marks) > MaxViewCounties {
		return FlagPlan{Rel: FlagsView}
	}
	var counties []string
	for _, m := range marks {
		if m.Everywhere || m.Unplaced {
			return FlagPlan{Rel: FlagsView}
		}
		if !slices.Contains(counties, m.County) {
			counties = append(counties, m.County)
		}
	}
	return FlagPlan{Rel: FlagsTable, FromView: counties}
}

// Parts are the reads of the plan for an area (county "" for a larger
// one): the area from Rel without FromView, then each of FromView from the
// view.
func (p FlagPlan) Parts(county string) []FlagPart {
	out := []FlagPart{{Rel: p.Rel, County: county, Except: append([]string{}, p.FromView...)}}
	for _, c := range p.FromView {
		out = append(out, FlagPart{Rel: FlagsView, County: c, Except: []string{}})
	}
	return out
}

// ScanFlagMark reads a row of flags_marks.sql.
func ScanFlagMark(rows interface{ Scan(...any) error }) (FlagMark, error) {
	var county *string
	var m FlagMark
	if err := rows.Scan(&county, &m.Everywhere); err != nil {
		return m, err
	}
	if county == nil {
		m.Unplaced = true
	} else {
		m.County = *county
	}
	return m, nil
}
