package analytics

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
)

// FormatValue renders one value of a console result as text (tables, CSV):
// numbers as printed without exponent where reasonable, dates as ISO dates,
// lists and structs as JSON. typ is the column's DuckDB type name; NULL is
// "NULL" here (CSV writes it as an empty field).
func FormatValue(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return formatFloat(x, 64)
	case float32:
		return formatFloat(float64(x), 32)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x)
	case *big.Int:
		return x.String()
	case duckdb.Decimal:
		return x.String()
	case time.Time:
		return formatTime(x, typ)
	case []byte:
		if typ == "UUID" && len(x) == 16 {
			u := duckdb.UUID(x)
			return u.String()
		}
		if utf8.Valid(x) {
			return string(x)
		}
		return `\x` + hex.EncodeToString(x)
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %d µs", x.Months, x.Days, x.Micros)
	}
	b, err := json.Marshal(JSONValue(v, ""))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// JSONValue converts one value of a console result into a value that
// encoding/json writes faithfully: exact decimals and big integers as JSON
// numbers, NaN and infinities and dates as strings, maps with string keys.
func JSONValue(v any, typ string) any {
	switch x := v.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return FormatValue(x, typ)
		}
		return x
	case float32:
		return JSONValue(float64(x), typ)
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Decimal:
		return json.Number(x.String())
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = JSONValue(e, elemType(typ))
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = JSONValue(e, "")
		}
		return out
	case duckdb.Map:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[FormatValue(k, "")] = JSONValue(e, "")
		}
		return out
	case duckdb.Union:
		return map[string]any{x.Tag: JSONValue(x.Value, "")}
	}
	return FormatValue(v, typ)
}

// elemType is the element type of a list type name ("INTEGER[]" → "INTEGER").
func elemType(typ string) string {
	return strings.TrimSuffix(typ, "[]")
}

func formatFloat(x float64, bits int) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	case x != 0 && (math.Abs(x) >= 1e15 || math.Abs(x) < 1e-6):
		return strconv.FormatFloat(x, 'g', -1, bits)
	}
	return strconv.FormatFloat(x, 'f', -1, bits)
}

func formatTime(t time.Time, typ string) string {
	switch {
	case typ == "DATE":
		return t.Format(time.DateOnly)
	case strings.HasPrefix(typ, "TIME") && !strings.HasPrefix(typ, "TIMESTAMP"):
		return t.Format("15:04:05.999999")
	case strings.HasSuffix(typ, "TZ") || strings.Contains(typ, "TIME ZONE"):
		return t.Format("2006-01-02 15:04:05.999999Z07:00")
	}
	return t.Format("2006-01-02 15:04:05.999999")
}
