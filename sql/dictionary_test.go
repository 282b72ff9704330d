package sqlfiles_test

import (
	"strings"
	"testing"
	"unicode"

	"xxgk/analytics"
	sqlfiles "xxgk/sql"
)

// TestDictionary: README.md gives every column of every view a meaning
// (directly or by reference) and every table a description, as the SQL
// console's schema browser shows them.
func TestDictionary(t *testing.T) {
	db := mustMigrate(t)
	dict, err := sqlfiles.Dictionary()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT table_name, table_type = 'VIEW', column_name FROM information_schema.columns
		JOIN information_schema.tables USING (table_catalog, table_schema, table_name) ORDER BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var table, column string
		var view bool
		if err := rows.Scan(&table, &view, &column); err != nil {
			t.Fatal(err)
		}
		e, ok := dict[table]
		switch {
		case !ok && table != "schema_version":
			t.Errorf("README.md does not describe %s", table)
		case !ok:
		case e.View != view || e.Description == "":
			t.Errorf("%s: view %v, description %q", table, e.View, e.Description)
		case view && e.Columns[column].Meaning == "":
			t.Errorf("README.md gives %s.%s no meaning", table, column)
		case !chinese(analytics.ColumnText(table, column)):
			// The console's dictionary shows every column in Chinese.
			t.Errorf("%s.%s has no Chinese name and meaning in analytics/columns.csv", table, column)
		case !chinese(analytics.TableText(table)):
			t.Errorf("%s has no Chinese name and description in analytics/columns.csv", table)
		default:
			checked++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if checked < 700 { // views and tables, the figures' columns among them
		t.Errorf("only %d columns checked", checked)
	}
	for _, tc := range []struct{ view, column, unit, meaning string }{
		{"requests", "grant_rate", "fraction", "`(granted + partial) / requests_processed`"},
		{"rankings", "township", "", "the township's name"},       // identity, as above
		{"ranks", "rank", "", "rank among every township"},        // as in `rankings`
		{"report_metrics", "denied", "件", "sum of the eight"},     // part 三 … see `requests`
		{"report_metrics", "org", "", "the body as the report's"}, // identity row
		{"zero_activity", "proactive_items", "条", "items published proactively"},
	} {
		c := dict[tc.view].Columns[tc.column]
		if c.Unit != tc.unit || !strings.HasPrefix(c.Meaning, tc.meaning) {
			t.Errorf("%s.%s = %+v, want unit %q and a meaning starting %q", tc.view, tc.column, c, tc.unit, tc.meaning)
		}
	}
	if d := dict["rankings"].Description; !strings.HasPrefix(d, "Every township ranked per year") {
		t.Errorf("rankings: description %q", d)
	}
	if d := dict["figures"].Description; !strings.Contains(d, "one DOUBLE column per canonical key") {
		t.Errorf("figures: description %q", d)
	}
}

// TestExamples: every example query has a title and a description, and
// prepares against the schema (its tables and columns exist). That each
// returns rows on the demo database is checked in cmd/xxgk.
func TestExamples(t *testing.T) {
	db := mustMigrate(t)
	examples, err := sqlfiles.Examples()
	if err != nil {
		t.Fatal(err)
	}
	if len(examples) < 3 {
		t.Fatalf("%d examples", len(examples))
	}
	seen := map[string]bool{}
	for _, ex := range examples {
		if seen[ex.Name] || ex.Title == "" || ex.Description == "" || strings.HasPrefix(ex.Description, "--") {
			t.Errorf("%s: title %q, description %q (names must be unique)", ex.Name, ex.Title, ex.Description)
		}
		seen[ex.Name] = true
		stmt, err := db.Prepare(ex.SQL)
		if err != nil {
			t.Errorf("%s: %v", ex.Name, err)
			continue
		}
		stmt.Close()
	}
	if ex := examples[0]; ex.Name != "top_grant_rate" || ex.Title != "本年公开率最高的 10 个乡镇" || !strings.HasPrefix(ex.SQL, "-- 本年") {
		t.Errorf("first example %+v", ex)
	}
}

// chinese says a name and meaning are both given, in Chinese.
func chinese(t analytics.Text, ok bool) bool {
	han := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	}
	return ok && han(t.Label) && han(t.Meaning)
}
