package analyticsource

import (
	"unsafe"

	"xxgk/dashboard"
)

// figureBytes is what the figures of one report hold outside its struct:
// about 40 optional figures, each a float64 of its own.
const figureBytes = 40 * 8

// sizeOf estimates the memory a cached result holds: its structs, strings
// and figures. It need not be exact, only proportional, so that the cache's
// bound tracks memory rather than the number of results.
func sizeOf(v any) int64 {
	switch v := v.(type) {
	case dashboard.Catalog:
		n := sliceBytes(v.Years)
		for _, p := range v.Places {
			n += int64(unsafe.Sizeof(p)) + int64(len(p.Province)+len(p.City)+len(p.County))
		}
		return n
	case []dashboard.YearSummary:
		return sliceBytes(v) + int64(len(v))*10*8
	case []dashboard.YearCounts:
		return sliceBytes(v)
	case []dashboard.StreakCount:
		return sliceBytes(v)
	case dashboard.RequestTotals:
		return int64(unsafe.Sizeof(v)) + 14*8
	case dashboard.List[dashboard.RankRow]:
		return sizeOf(v.Rows)
	case dashboard.List[dashboard.Report]:
		return sizeOf(v.Rows)
	case dashboard.List[dashboard.ZeroRow]:
		return sizeOf(v.Rows)
	case dashboard.List[dashboard.MissingRow]:
		return sizeOf(v.Rows)
	case dashboard.List[dashboard.QualityRow]:
		return sizeOf(v.Rows)
	case []dashboard.RankRow:
		n := sliceBytes(v)
		for _, r := range v {
			n += townBytes(r.Town)
		}
		return n
	case []dashboard.Report:
		n := sliceBytes(v)
		for _, r := range v {
			n += reportBytes(r)
		}
		return n
	case dashboard.TownHistory:
		n := townBytes(v.Town) + sliceBytes(v.Years)
		for _, r := range v.Years {
			n += reportBytes(r)
		}
		return n
	case []dashboard.ZeroRow:
		n := sliceBytes(v)
		for _, r := range v {
			n += townBytes(r.Town)
		}
		return n
	case []dashboard.MissingRow:
		n := sliceBytes(v)
		for _, r := range v {
			n += townBytes(r.Town)
		}
		return n
	case []dashboard.QualityRow:
		n := sliceBytes(v)
		for _, r := range v {
			n += townBytes(r.Town) + int64(len(r.SourceFile)) + checksBytes(r.Checks) + stringsBytes(r.Incomplete)
		}
		return n
	case []dashboard.Town:
		n := sliceBytes(v)
		for _, t := range v {
			n += townBytes(t)
		}
		return n
	}
	return 1 << 10 // a type added without an estimate: count it as small
}

// sliceBytes is the backing array of a slice.
func sliceBytes[T any](s []T) int64 {
	var zero T
	return int64(cap(s)) * int64(unsafe.Sizeof(zero))
}

func townBytes(t dashboard.Town) int64 {
	return int64(len(t.Name) + len(t.Org) + len(t.County) + len(t.City) + len(t.Province))
}

// reportBytes is what a report holds beyond its struct.
func reportBytes(r dashboard.Report) int64 {
	if r.Missing {
		return townBytes(r.Town)
	}
	return townBytes(r.Town) + int64(len(r.Template)+len(r.Published)+len(r.SourceFile)) + figureBytes +
		checksBytes(r.Checks) + stringsBytes(r.Warnings) + stringsBytes(r.Incomplete)
}

func checksBytes(cs []dashboard.Check) int64 {
	n := sliceBytes(cs)
	for _, c := range cs {
		n += int64(len(c.Cell))
	}
	return n
}

func stringsBytes(ss []string) int64 {
	n := sliceBytes(ss)
	for _, s := range ss {
		n += int64(len(s))
	}
	return n
}
