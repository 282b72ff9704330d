package analytics

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// locateError asks DuckDB where in the analyst's text an error is, once
// running it through the console's wrapper has failed: it prepares the
// text by itself, which binds it again, and returns DuckDB's message when
// that fails too. Preparing runs nothing: validation has already shown the
// text to be exactly one SELECT (several statements would run all but the
// last), and the handle is read-only anyway. ok is false when the text
// prepares cleanly, i.e. the error arose while running.
func locateError(ctx context.Context, db *sql.DB, query string) (msg string, ok bool) {
	stmt, err := db.PrepareContext(ctx, query)
	if err == nil {
		stmt.Close()
		return "", false
	}
	if ctx.Err() != nil {
		return "", false
	}
	return strings.TrimSpace(err.Error()), true
}

// contextPicture matches the picture DuckDB appends to a message: the line
// number, the line (or a part of it between "..."), and a caret under the
// error on the next line.
var contextPicture = regexp.MustCompile(`\n\nLINE (\d+): ([^\n]*)\n( *)\^`)

// duckdbPosition reads the line and column (1-based, in characters) of an
// error in query from the picture at the end of DuckDB's message; 0, 0
// when there is none or it does not fit the query. DuckDB places the caret
// by display width (a Chinese character is two columns wide) and shows at
// most about 40 columns either side of the error.
func duckdbPosition(msg, query string) (line, col int) {
	all := contextPicture.FindAllStringSubmatch(msg, -1)
	if len(all) == 0 {
		return 0, 0
	}
	m := all[len(all)-1]
	line, err := strconv.Atoi(m[1])
	lines := splitLines(query)
	if err != nil || line < 1 || line > len(lines) {
		return 0, 0
	}
	shown := m[2]
	caret := len(m[3]) - len("LINE "+m[1]+": ")
	text := []rune(lines[line-1])
	start := 0
	if rest, cut := strings.CutPrefix(shown, "..."); cut {
		caret -= len("...")
		rest = strings.TrimSuffix(rest, "...")
		i := strings.Index(lines[line-1], rest)
		if i < 0 {
			return 0, 0
		}
		start = len([]rune(lines[line-1][:i]))
	}
	if caret < 0 {
		return 0, 0
	}
	w := 0
	for i := start; i < len(text); i++ {
		if w >= caret {
			return line, i + 1
		}
		w += runeWidth(text[i])
	}
	return line, len(text) + 1
}

// errorContext draws where a syntax error is, as DuckDB does for the
// errors it formats itself: "\n\nLINE n: " and the line (cut to about 40
// columns either side of the error, with "..."), then a caret under the
// error. offset counts characters from the start of the query, as
// json_serialize_sql reports it. It also returns the line and column
// (1-based).
func errorContext(query string, offset int) (picture string, line, col int) {
	runes := []rune(query)
	offset = min(max(offset, 0), len(runes))
	line, start := 1, 0
	for i := 0; i < offset; i++ {
		if isNewline(runes[i]) {
			line++
			start = i + 1
		}
	}
	end := len(runes)
	for i := offset; i < len(runes); i++ {
		if isNewline(runes[i]) {
			end = i
			break
		}
	}
	from, to := start, end
	w := 0
	for i := offset - 1; i > start; i-- {
		if w += runeWidth(runes[i]); w >= 40 {
			from = i
			break
		}
	}
	w = 0
	for i := offset; i < end; i++ {
		if w += runeWidth(runes[i]); w >= 40 {
			to = i
			break
		}
	}
	head := "LINE " + strconv.Itoa(line) + ": "
	if from > start {
		head += "..."
	}
	tail := ""
	if to < end {
		tail = "..."
	}
	pad := len(head)
	for _, r := range runes[from:offset] {
		pad += runeWidth(r)
	}
	picture = "\n\n" + head + string(runes[from:to]) + tail + "\n" + strings.Repeat(" ", pad) + "^"
	return picture, line, offset - start + 1
}

// splitLines splits a query into lines the way DuckDB counts them: at
// every '\n' and every '\r'.
func splitLines(s string) []string {
	var lines []string
	for {
		i := strings.IndexAny(s, "\n\r")
		if i < 0 {
			return append(lines, s)
		}
		lines = append(lines, s[:i])
		s = s[i+1:]
	}
}

func isNewline(r rune) bool { return r == '\n' || r == '\r' }

// runeWidth is the number of columns a character takes in a terminal:
// two for wide East Asian characters, as DuckDB counts them.
func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
