// Package analyticstest holds what the tests of several packages share about
// analytics: one query per DuckDB type and how the console must write it.
package analyticstest

// TypeCase is a query returning one value of one DuckDB type, and how the
// console writes it: as text (tables, CSV) and as JSON. The console's tests
// (here, in dashboard and in cmd/xxgk) run every case through every output.
type TypeCase struct {
	Name, Query string
	Type        string // DuckDB's type name, as ConsoleResult.Types has it
	Text, JSON  string
}

// TypeCases covers every kind of value: nested lists, arrays, structs,
// maps and unions, BLOB, UUID, the big integers and exact decimals (a
// string in JSON where a JSON number would lose digits), intervals, enums,
// bits, dates and times.
var TypeCases = []TypeCase{
	{"map", "SELECT map {'a': 1, 'b': 2}", "MAP(VARCHAR, INTEGER)", `{"a":1,"b":2}`, `{"a":1,"b":2}`},
	{"map of lists", "SELECT map {2: [1.5], 1: []}", "MAP(INTEGER, DECIMAL(2,1)[])", `{"2":[1.5],"1":[]}`, `{"2":[1.5],"1":[]}`},
	{"struct", "SELECT {'y': 1, 'x': [DATE '2024-01-02'], 'z': NULL}", `STRUCT("y" INTEGER, "x" DATE[], "z" INTEGER)`, `{"y":1,"x":["2024-01-02"],"z":null}`, `{"y":1,"x":["2024-01-02"],"z":null}`},
	{"nested list", "SELECT [[1, 2], [3], []]", "INTEGER[][]", `[[1,2],[3],[]]`, `[[1,2],[3],[]]`},
	{"array", "SELECT [1, 2, 3]::INTEGER[3]", "INTEGER[3]", `[1,2,3]`, `[1,2,3]`},
	{"list of maps", "SELECT [map {'k': {'a': 1}}]", "MAP(VARCHAR, STRUCT(\"a\" INTEGER))[]", `[{"k":{"a":1}}]`, `[{"k":{"a":1}}]`},
	{"union", "SELECT union_value(num := 2)::UNION(num INTEGER, str VARCHAR)", `UNION("num" INTEGER, "str" VARCHAR)`, `{"num":2}`, `{"num":2}`},
	{"blob", `SELECT '\xAA\x00ab\x5C'::BLOB`, "BLOB", `\xAA\x00ab\x5C`, `"\\xAA\\x00ab\\x5C"`},
	{"uuid", "SELECT uuid '0c9d4a3e-0d3b-4a8e-9a53-1e2f3a4b5c6d'", "UUID", "0c9d4a3e-0d3b-4a8e-9a53-1e2f3a4b5c6d", `"0c9d4a3e-0d3b-4a8e-9a53-1e2f3a4b5c6d"`},
	{"list of uuids", "SELECT [uuid '0c9d4a3e-0d3b-4a8e-9a53-1e2f3a4b5c6d']", "UUID[]", `["0c9d4a3e-0d3b-4a8e-9a53-1e2f3a4b5c6d"]`, `["0c9d4a3e-0d3b-4a8e-9a53-1e2f3a4b5c6d"]`},
	{"hugeint", "SELECT 170141183460469231731687303715884105727::HUGEINT", "HUGEINT", "170141183460469231731687303715884105727", `"170141183460469231731687303715884105727"`},
	{"small hugeint", "SELECT -12::HUGEINT", "HUGEINT", "-12", `-12`},
	{"uhugeint", "SELECT 340282366920938463463374607431768211455::UHUGEINT", "UHUGEINT", "340282366920938463463374607431768211455", `"340282366920938463463374607431768211455"`},
	{"varint", "SELECT 123456789012345678901234567890::VARINT", "BIGNUM", "123456789012345678901234567890", `"123456789012345678901234567890"`},
	{"decimal 38", "SELECT 12345678901234567.891::DECIMAL(38,3)", "DECIMAL(38,3)", "12345678901234567.891", `"12345678901234567.891"`},
	{"decimal", "SELECT -12.30::DECIMAL(6,2)", "DECIMAL(6,2)", "-12.3", `-12.3`},
	{"bigint past 2^53", "SELECT 9007199254740993::BIGINT", "BIGINT", "9007199254740993", `"9007199254740993"`},
	{"bigint", "SELECT -9007199254740992::BIGINT", "BIGINT", "-9007199254740992", `-9007199254740992`},
	{"ubigint", "SELECT 18446744073709551615::UBIGINT", "UBIGINT", "18446744073709551615", `"18446744073709551615"`},
	{"double", "SELECT 0.1 + 0.2::DOUBLE", "DOUBLE", "0.30000000000000004", `0.30000000000000004`},
	{"float", "SELECT 0.1::FLOAT", "FLOAT", "0.1", `0.1`},
	{"nan", "SELECT 'nan'::DOUBLE", "DOUBLE", "NaN", `"NaN"`},
	{"interval", "SELECT INTERVAL '1 year 2 months 3 days 04:05:06.000007'", "INTERVAL", "1 year 2 months 3 days 04:05:06.000007", `"1 year 2 months 3 days 04:05:06.000007"`},
	{"negative interval", "SELECT -INTERVAL '90 minutes'", "INTERVAL", "-01:30:00", `"-01:30:00"`},
	{"enum", "SELECT 'b'::ENUM('a', 'b')", "ENUM", "b", `"b"`},
	{"bit", "SELECT '10101'::BIT", "BIT", "10101", `"10101"`},
	{"date", "SELECT DATE '2024-02-29'", "DATE", "2024-02-29", `"2024-02-29"`},
	{"time", "SELECT TIME '12:34:56.789'", "TIME", "12:34:56.789", `"12:34:56.789"`},
	{"timetz", "SELECT '12:34:56+08'::TIMETZ", "TIMETZ", "12:34:56+08:00", `"12:34:56+08:00"`},
	{"timestamp", "SELECT TIMESTAMP '2024-02-29 12:34:56.123456'", "TIMESTAMP", "2024-02-29 12:34:56.123456", `"2024-02-29 12:34:56.123456"`},
	{"timestamptz", "SELECT '2024-02-29 12:34:56+08'::TIMESTAMPTZ", "TIMESTAMPTZ", "2024-02-29 04:34:56+00:00", `"2024-02-29 04:34:56+00:00"`},
	{"timestamp_ns", "SELECT '2024-02-29 12:34:56.123456789'::TIMESTAMP_NS", "TIMESTAMP_NS", "2024-02-29 12:34:56.123456789", `"2024-02-29 12:34:56.123456789"`},
	{"timestamp_s", "SELECT '2024-02-29 12:34:56'::TIMESTAMP_S", "TIMESTAMP_S", "2024-02-29 12:34:56", `"2024-02-29 12:34:56"`},
	{"json", `SELECT '{"a": [1, 2]}'::JSON`, "JSON", `{"a":[1,2]}`, `{"a":[1,2]}`},
	{"text", "SELECT '=1+1'", "VARCHAR", "=1+1", `"=1+1"`},
	{"null", "SELECT NULL::VARCHAR", "VARCHAR", "NULL", `null`},
	{"boolean", "SELECT true", "BOOLEAN", "true", `true`},
}
