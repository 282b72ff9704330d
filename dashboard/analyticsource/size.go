package analyticsource

import "reflect"

// rowsOf is what a cached result counts against the cache's bound: its
// rows (a list's, or a slice's elements), at least 1. Rows, not estimated
// bytes: a row of any list is a few hundred bytes, so the bound tracks
// memory without a type switch that each new result type must join.
func rowsOf(v any) int64 {
	r := reflect.ValueOf(v)
	if r.Kind() == reflect.Pointer {
		r = r.Elem()
	}
	switch {
	case r.Kind() == reflect.Slice:
		return max(1, int64(r.Len()))
	case r.Kind() == reflect.Struct:
		if f := r.FieldByName("Rows"); f.IsValid() && f.Kind() == reflect.Slice {
			return max(1, int64(f.Len()))
		}
		if f := r.FieldByName("Reports"); f.IsValid() && f.Kind() == reflect.Slice {
			return max(1, int64(f.Len())) // a township's history
		}
	}
	return 1
}
