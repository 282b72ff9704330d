package analytics

import (
	"encoding/json"
	"strings"
	"testing"

	"xxgk/analytics/analyticstest"
)

// typeCases is one query per DuckDB type an analyst can produce, with the
// value as text (tables, CSV) and as JSON. Package main's tests run the
// same cases through xxgk sql and the web console.
var typeCases = analyticstest.TypeCases

// TestConsoleTypes runs each type through the console and both formats:
// none may crash, recurse without end, or lose a digit.
func TestConsoleTypes(t *testing.T) {
	for _, tc := range typeCases {
		t.Run(tc.Name, func(t *testing.T) {
			res, err := RunSQL(ctx, demoDB, tc.Query, ConsoleOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != 1 || len(res.Rows[0]) != 1 {
				t.Fatalf("rows %v", res.Rows)
			}
			v, typ := res.Rows[0][0], res.Types[0]
			if typ != tc.Type {
				t.Errorf("type %s, want %s", typ, tc.Type)
			}
			if got := FormatValue(v, typ); got != tc.Text {
				t.Errorf("text %s, want %s", got, tc.Text)
			}
			b, err := json.Marshal(JSONValue(v, typ))
			if err != nil || string(b) != tc.JSON {
				t.Errorf("JSON %s (%v), want %s", b, err, tc.JSON)
			}
			if again, _ := json.Marshal(JSONValue(JSONValue(v, typ), typ)); string(again) != tc.JSON {
				t.Errorf("JSONValue of its own result %s, want %s", again, tc.JSON)
			}
		})
	}
}

func TestDeepNesting(t *testing.T) {
	q := "SELECT " + strings.Repeat("[", 200) + "1" + strings.Repeat("]", 200)
	res, err := RunSQL(ctx, demoDB, q, ConsoleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	text := FormatValue(res.Rows[0][0], res.Types[0])
	want := strings.Repeat("[", maxValueDepth+1) + `"` + tooDeep + `"` + strings.Repeat("]", maxValueDepth+1)
	if text != want {
		t.Errorf("200 nested lists: %s, want %s", text, want)
	}
}
