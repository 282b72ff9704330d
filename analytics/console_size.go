package analytics

import (
	"encoding/json"
	"math/big"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// rowSize is the size of a row as the console counts it against its byte
// budget: the sum of its values' ValueSize.
func rowSize(vals []any) int64 {
	var n int64
	for _, v := range vals {
		n += ValueSize(v)
	}
	return n
}

// ValueSize estimates the bytes a value takes written out as text or JSON,
// without writing it: a string its length, a number its digits, a list or
// struct the sum of its parts and their punctuation. It is what a result's
// byte budget (ConsoleOptions.MaxBytes) counts; a value nested deeper than
// the formatter goes counts as written (tooDeep).
func ValueSize(v any) int64 { return valueSize(v, 0) }

func valueSize(v any, depth int) int64 {
	if depth > maxValueDepth {
		return int64(len(tooDeep))
	}
	switch x := v.(type) {
	case nil:
		return 4
	case string:
		return int64(len(x)) + 2
	case []byte:
		return int64(len(x))*4 + 2 // \xAB at worst
	case json.Number:
		return int64(len(x))
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return 8
	case *big.Int:
		if x == nil {
			return 4
		}
		return int64(x.BitLen()/3 + 2)
	case duckdb.Decimal:
		return 42
	case time.Time, duckdb.Interval:
		return 32
	case []any:
		n := int64(2)
		for _, e := range x {
			n += valueSize(e, depth+1) + 1
		}
		return n
	case map[string]any:
		n := int64(2)
		for k, e := range x {
			n += int64(len(k)) + 4 + valueSize(e, depth+1)
		}
		return n
	case Object:
		n := int64(2)
		for _, f := range x {
			n += int64(len(f.Key)) + 4 + valueSize(f.Value, depth+1)
		}
		return n
	case duckdb.OrderedMap:
		return mapSize(x.Keys(), x.Values(), depth)
	case duckdb.Map:
		n := int64(2)
		for k, e := range x {
			n += valueSize(k, depth+1) + valueSize(e, depth+1) + 2
		}
		return n
	case duckdb.Union:
		return int64(len(x.Tag)) + 4 + valueSize(x.Value, depth+1)
	}
	return 64
}

func mapSize(keys, vals []any, depth int) int64 {
	n := int64(2)
	for i := range keys {
		n += valueSize(keys[i], depth+1) + valueSize(vals[i], depth+1) + 2
	}
	return n
}
