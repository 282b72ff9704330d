package sqlfiles

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

// readme is the metric dictionary: what every view and column means.
//
//go:embed README.md
var readme string

// Entry is what README.md says of one view or table.
type Entry struct {
	Name        string
	View        bool
	Description string            // the prose of its section before the column table; Markdown
	Columns     map[string]Column // by column name; tables list none
}

// Column is what README.md says of one column of a view.
type Column struct {
	Type    string // as README.md gives it, e.g. DOUBLE
	Unit    string // 件, 条, fraction, 0–100 …; "" when none
	Meaning string // Markdown: `code` in backticks
}

// Dictionary reads the metric dictionary of README.md: the section
// "### NAME (file.sql)" of every view, with its column table, and the table
// of "## Tables". A row naming its columns only by reference ("identity,
// as above", "as in `rankings`", "see `requests`") takes the meaning from
// where it points, so every column of a view has its own. It fails only if
// README.md lost its structure, which the tests catch.
func Dictionary() (map[string]Entry, error) {
	d := parseDictionary(readme)
	if len(d.entries) == 0 || len(d.identity) == 0 {
		return nil, fmt.Errorf("sqlfiles: README.md has no views or no identity columns")
	}
	d.resolve()
	return d.entries, nil
}

// dictionary is README.md as parsed, before references are resolved.
type dictionary struct {
	entries  map[string]Entry
	identity map[string]Column            // the identity columns shared by the per-report views
	refs     map[string]map[string]string // view → column → the view its meaning is in ("" = identity)
}

var (
	viewHeading = regexp.MustCompile(`^### (\w+) \(`)
	backticks   = regexp.MustCompile("`([^`]+)`")
	seeView     = regexp.MustCompile("(?:as in|see) `(\\w+)`") // a backtick inside: not raw
)

func parseDictionary(text string) *dictionary {
	d := &dictionary{entries: map[string]Entry{}, identity: map[string]Column{}, refs: map[string]map[string]string{}}
	var section string  // "tables", "views" (before the first view), or a view's name
	var prose []string  // the section's text before its first table
	var header []string // the current table's header; nil outside a table
	var seenTable bool  // the section's prose is over
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "## "):
			section, header, prose, seenTable = "", nil, nil, false
			if strings.HasPrefix(line, "## Tables") {
				section = "tables"
			} else if strings.HasPrefix(line, "## Views") {
				section = "views"
			}
		case viewHeading.MatchString(line):
			section, header, prose, seenTable = viewHeading.FindStringSubmatch(line)[1], nil, nil, false
			d.entries[section] = Entry{Name: section, View: true, Columns: map[string]Column{}}
			d.refs[section] = map[string]string{}
		case section == "":
		case strings.HasPrefix(trimmed, "|"):
			cells := tableCells(trimmed)
			switch {
			case header == nil:
				header = cells
				if e, ok := d.entries[section]; ok && !seenTable {
					e.Description = strings.Join(prose, " ")
					d.entries[section] = e
				}
				seenTable = true
			case strings.HasPrefix(cells[0], "---"):
			default:
				d.addRow(section, header, cells)
			}
		case trimmed == "":
			header = nil
		case !seenTable:
			prose = append(prose, strings.TrimPrefix(trimmed, "- "))
		}
	}
	return d
}

// tableCells splits a Markdown table row into its trimmed cells.
func tableCells(line string) []string {
	cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

// addRow records one row of a column table (or of the tables' table).
func (d *dictionary) addRow(section string, header, cells []string) {
	names := columnNames(cells[0])
	if section == "tables" {
		for _, name := range names {
			d.entries[name] = Entry{Name: name, Description: "one row per " + cells[1] + ". " + cells[len(cells)-1]}
		}
		return
	}
	if len(cells) != len(header) {
		return
	}
	var col Column
	for i, h := range header {
		switch {
		case h == "type":
			col.Type = cells[i]
		case h == "unit":
			col.Unit = cells[i]
		case i == len(header)-1:
			col.Meaning = cells[i]
		}
	}
	if section == "views" {
		for _, name := range names {
			d.identity[name] = col
		}
		return
	}
	ref, isRef := reference(cells[0], col.Meaning)
	if len(names) == 0 { // "identity", "part 三": the columns are listed in the meaning
		if m := backticks.FindStringSubmatch(col.Meaning); m != nil {
			names = splitNames(m[1])
		}
	}
	for _, name := range names {
		if isRef {
			d.refs[section][name] = ref
			continue
		}
		d.entries[section].Columns[name] = col
	}
}

// reference says whether a row only points to where its columns are
// described: the identity table ("identity", "identity, as above", "as
// above", or no meaning at all) or another view ("as in `x`", "see `x`").
func reference(first, meaning string) (view string, ok bool) {
	if m := seeView.FindStringSubmatch(meaning); m != nil && (strings.HasPrefix(meaning, "as in") || !strings.Contains(first, "`")) {
		return m[1], true
	}
	if first == "identity" || meaning == "" || meaning == "as above" || strings.HasPrefix(meaning, "identity") {
		return "", true
	}
	return "", false
}

// columnNames reads the column names of a row's first cell: `a`, `b` or
// `a, b`; none when it names a group in words.
func columnNames(cell string) []string {
	var out []string
	for _, m := range backticks.FindAllStringSubmatch(cell, -1) {
		out = append(out, splitNames(m[1])...)
	}
	return out
}

func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// resolve gives every referring column the meaning it points to: the
// identity table's, the named view's, or failing that any view's.
func (d *dictionary) resolve() {
	for view, refs := range d.refs {
		for name, ref := range refs {
			col, ok := d.identity[name]
			if ref != "" {
				if c, found := d.lookup(ref, name, map[string]bool{view: true}); found {
					col, ok = c, true
				}
			}
			if !ok {
				col, ok = d.anywhere(name, view)
			}
			if ok {
				d.entries[view].Columns[name] = col
			}
		}
	}
}

// lookup finds a column's meaning in a view, following that view's own
// references (seen guards against cycles).
func (d *dictionary) lookup(view, name string, seen map[string]bool) (Column, bool) {
	if seen[view] {
		return Column{}, false
	}
	seen[view] = true
	if c, ok := d.entries[view].Columns[name]; ok {
		return c, true
	}
	if ref, ok := d.refs[view][name]; ok {
		if ref == "" {
			c, ok := d.identity[name]
			return c, ok
		}
		return d.lookup(ref, name, seen)
	}
	return Column{}, false
}

// anywhere finds a column's meaning in any other view, in name order so
// that the result does not depend on map order.
func (d *dictionary) anywhere(name, except string) (Column, bool) {
	var best string
	for view, e := range d.entries {
		if _, ok := e.Columns[name]; ok && view != except && (best == "" || view < best) {
			best = view
		}
	}
	if best == "" {
		return Column{}, false
	}
	return d.entries[best].Columns[name], true
}
