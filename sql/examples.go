package sqlfiles

import (
	"fmt"
	"io/fs"
	"strings"
)

// Example is one of the console's example queries (examples/NN_name.sql):
// a question analysts ask, in Chinese, and the SELECT that answers it.
type Example struct {
	Name        string // the file's name without its number and .sql: "top_grant_rate"
	Title       string // the first comment line: the question
	Description string // the other leading comment lines: how the query answers it
	SQL         string // the whole file, comments included (DuckDB ignores them)
}

// Examples returns the example queries in file-name order. Each file
// starts with "-- " lines: the title, then the description.
func Examples() ([]Example, error) {
	names, err := fs.Glob(FS, "examples/*.sql")
	if err != nil {
		return nil, err
	}
	var out []Example
	for _, file := range names {
		b, err := FS.ReadFile(file)
		if err != nil {
			return nil, err
		}
		ex := Example{SQL: strings.TrimSpace(string(b))}
		base := strings.TrimSuffix(strings.TrimPrefix(file, "examples/"), ".sql")
		_, ex.Name, _ = strings.Cut(base, "_")
		var desc []string
		for _, line := range strings.Split(ex.SQL, "\n") {
			text, ok := strings.CutPrefix(line, "--")
			if !ok {
				break
			}
			if text = strings.TrimSpace(text); ex.Title == "" {
				ex.Title = text
			} else if text != "" {
				desc = append(desc, text)
			}
		}
		ex.Description = strings.Join(desc, "")
		if ex.Name == "" || ex.Title == "" {
			return nil, fmt.Errorf("sqlfiles: %s: name it NN_name.sql and start it with a -- title line", file)
		}
		out = append(out, ex)
	}
	return out, nil
}
