package analytics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// maxValueDepth bounds how deeply nested a value is converted (a list of
// lists of structs …); anything deeper is written as tooDeep. The
// conversion recurses once per level, never from text back into values, so
// it ends on every input.
const maxValueDepth = 64

const tooDeep = "…"

// FormatValue renders one value of a console result as text (tables, CSV):
// numbers as printed without exponent where reasonable, dates and times as
// ISO text, BLOBs as DuckDB prints them (\xAB for a byte that is not
// printable ASCII), UUIDs in their usual form, intervals as DuckDB prints
// them, lists, structs, maps and unions as JSON (JSONValue). typ is the
// column's DuckDB type name (ConsoleResult.Types); NULL is "NULL" here (CSV
// writes it as an empty field).
func FormatValue(v any, typ string) string {
	return formatValue(v, parseType(typ), 0)
}

func formatValue(v any, t *valueType, depth int) string {
	if s, ok := formatScalar(v, t); ok {
		return s
	}
	b, err := json.Marshal(jsonValue(v, t, depth))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// formatScalar writes a value that is not a list, struct, map or union.
func formatScalar(v any, t *valueType) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "NULL", true
	case string:
		return x, true
	case json.Number:
		return string(x), true
	case bool:
		return strconv.FormatBool(x), true
	case float64:
		return formatFloat(x, 64), true
	case float32:
		return formatFloat(float64(x), 32), true
	case int:
		return strconv.Itoa(x), true
	case int8, int16, int32, int64:
		return strconv.FormatInt(toInt64(x), 10), true
	case uint, uint8, uint16, uint32, uint64:
		return strconv.FormatUint(toUint64(x), 10), true
	case *big.Int:
		if x == nil {
			return "NULL", true
		}
		return x.String(), true
	case duckdb.Decimal:
		if x.Value == nil {
			return "NULL", true
		}
		return x.String(), true
	case time.Time:
		return formatTime(x, t.typeName()), true
	case []byte:
		if t.typeName() == "UUID" && len(x) == 16 {
			u := duckdb.UUID(x)
			return u.String(), true
		}
		return formatBlob(x), true
	case duckdb.Interval:
		return formatInterval(x), true
	case duckdb.Bit:
		return x.String(), true
	}
	return "", false
}

// JSONValue converts one value of a console result into a value that
// encoding/json writes faithfully and that a JavaScript client reads
// without loss: a number stays a JSON number only where a float64 holds it
// exactly (integers within ±2^53, decimals of at most 15 significant
// digits); a larger HUGEINT, BIGNUM (VARINT) or DECIMAL is a string of its
// exact digits, as are NaN and the infinities. Dates, times, intervals,
// UUIDs and BLOBs are strings (FormatValue); lists and arrays are arrays;
// structs are objects in field order, maps objects in entry order (keys as
// text); a union is {"member": value}. The result is one of nil, bool,
// string, float64, json.Number, []any or Object, and JSONValue returns such
// a value unchanged.
func JSONValue(v any, typ string) any {
	return jsonValue(v, parseType(typ), 0)
}

func jsonValue(v any, t *valueType, depth int) any {
	if depth > maxValueDepth {
		return tooDeep
	}
	switch x := v.(type) {
	case nil, bool, string, json.Number, Object:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return formatFloat(x, 64)
		}
		return x
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return formatFloat(float64(x), 32)
		}
		return json.Number(strconv.FormatFloat(float64(x), 'g', -1, 32))
	case int, int8, int16, int32, int64:
		return exactInt(toInt64(x))
	case uint, uint8, uint16, uint32, uint64:
		if u := toUint64(x); u <= 1<<53 {
			return json.Number(strconv.FormatUint(u, 10))
		}
		return strconv.FormatUint(toUint64(x), 10)
	case *big.Int, duckdb.Decimal:
		s, _ := formatScalar(x, t)
		return exactDecimal(s)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e, t.element(), depth+1)
		}
		return out
	case map[string]any:
		return structObject(x, t, depth)
	case duckdb.OrderedMap:
		return mapObject(x.Keys(), x.Values(), t, depth)
	case duckdb.Map:
		keys, vals := make([]any, 0, len(x)), make([]any, 0, len(x))
		for k, e := range x {
			keys, vals = append(keys, k), append(vals, e)
		}
		obj := mapObject(keys, vals, t, depth)
		sort.SliceStable(obj, func(i, j int) bool { return obj[i].Key < obj[j].Key })
		return obj
	case duckdb.Union:
		return Object{{x.Tag, jsonValue(x.Value, t.field(x.Tag), depth+1)}}
	}
	if s, ok := formatScalar(v, t); ok {
		return s
	}
	return fmt.Sprint(v)
}

// structObject is a STRUCT as an object, its fields in the type's order
// (the driver hands them over as a Go map, which has none).
func structObject(m map[string]any, t *valueType, depth int) Object {
	out := make(Object, 0, len(m))
	seen := make(map[string]bool, len(m))
	for _, f := range t.members() {
		if e, ok := m[f.name]; ok && !seen[f.name] {
			seen[f.name] = true
			out = append(out, Field{f.name, jsonValue(e, f.typ, depth+1)})
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, Field{k, jsonValue(m[k], nil, depth+1)})
	}
	return out
}

// mapObject is a MAP as an object: each key as text (a nested key as its
// JSON), in the map's order.
func mapObject(keys, vals []any, t *valueType, depth int) Object {
	kt, vt := t.mapTypes()
	out := make(Object, len(keys))
	for i, k := range keys {
		key, ok := formatScalar(k, kt)
		if !ok {
			b, _ := json.Marshal(jsonValue(k, kt, depth+1))
			key = string(b)
		}
		var v any
		if i < len(vals) {
			v = vals[i]
		}
		out[i] = Field{key, jsonValue(v, vt, depth+1)}
	}
	return out
}

// Object is a JSON object that keeps its keys in order: a STRUCT's fields,
// a MAP's entries, a UNION's member.
type Object []Field

// Field is one key and value of an Object.
type Field struct {
	Key   string
	Value any
}

// MarshalJSON writes the object with its keys in order.
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// maxExactInt is the largest integer every float64 below it holds exactly.
const maxExactInt = 1 << 53

func exactInt(n int64) any {
	if n >= -maxExactInt && n <= maxExactInt {
		return json.Number(strconv.FormatInt(n, 10))
	}
	return strconv.FormatInt(n, 10)
}

// exactDecimal is a decimal literal as a JSON number when a float64 holds
// it without losing a digit (at most 15 significant digits, or an integer
// within ±2^53), else as a string of its digits.
func exactDecimal(s string) any {
	if significantDigits(s) <= 15 {
		return json.Number(s)
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return exactInt(n)
	}
	return s
}

// significantDigits counts the digits of a decimal literal between its
// first and last non-zero digit.
func significantDigits(s string) int {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	digits = strings.Trim(digits, "0")
	return len(digits)
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int64:
		return x
	}
	return 0
}

func toUint64(v any) uint64 {
	switch x := v.(type) {
	case uint:
		return uint64(x)
	case uint8:
		return uint64(x)
	case uint16:
		return uint64(x)
	case uint32:
		return uint64(x)
	case uint64:
		return x
	}
	return 0
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

// formatTime writes a date, time or timestamp by its DuckDB type: DATE
// "2024-02-29", TIME "12:34:56.789", TIMETZ "12:34:56+08:00", TIMESTAMP
// "2024-02-29 12:34:56.123456", TIMESTAMPTZ in UTC with its offset.
func formatTime(t time.Time, typ string) string {
	switch typ {
	case "DATE":
		return t.Format(time.DateOnly)
	case "TIME":
		return t.Format("15:04:05.999999")
	case "TIMETZ":
		return t.Format("15:04:05.999999-07:00")
	case "TIMESTAMPTZ":
		return t.Format("2006-01-02 15:04:05.999999-07:00")
	case "TIMESTAMP_NS":
		return t.Format("2006-01-02 15:04:05.999999999")
	}
	return t.Format("2006-01-02 15:04:05.999999")
}

// formatBlob writes bytes as DuckDB prints a BLOB: printable ASCII as it
// is, every other byte (and the backslash) as \xAB.
func formatBlob(b []byte) string {
	var s strings.Builder
	s.Grow(len(b))
	const hex = "0123456789ABCDEF"
	for _, c := range b {
		if c >= 0x20 && c < 0x7f && c != '\\' {
			s.WriteByte(c)
			continue
		}
		s.WriteString(`\x`)
		s.WriteByte(hex[c>>4])
		s.WriteByte(hex[c&15])
	}
	return s.String()
}

// formatInterval writes an interval as DuckDB prints it: "1 year 2 months
// 3 days 04:05:06.000007", parts that are zero left out ("00:00:00" when
// all are).
func formatInterval(iv duckdb.Interval) string {
	var parts []string
	unit := func(n int64, one, many string) {
		switch {
		case n == 1 || n == -1:
			parts = append(parts, strconv.FormatInt(n, 10)+" "+one)
		case n != 0:
			parts = append(parts, strconv.FormatInt(n, 10)+" "+many)
		}
	}
	unit(int64(iv.Months/12), "year", "years")
	unit(int64(iv.Months%12), "month", "months")
	unit(int64(iv.Days), "day", "days")
	if iv.Micros != 0 || len(parts) == 0 {
		parts = append(parts, formatClock(iv.Micros))
	}
	return strings.Join(parts, " ")
}

// formatClock writes microseconds as [-]HH:MM:SS[.ffffff].
func formatClock(micros int64) string {
	sign := ""
	u := uint64(micros)
	if micros < 0 {
		sign, u = "-", uint64(-(micros+1))+1 // no overflow at math.MinInt64
	}
	h, m, s, f := u/3_600_000_000, u/60_000_000%60, u/1_000_000%60, u%1_000_000
	out := fmt.Sprintf("%s%02d:%02d:%02d", sign, h, m, s)
	if f != 0 {
		out += fmt.Sprintf(".%06d", f)
	}
	return out
}
