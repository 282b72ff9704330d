package analytics

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"golang.org/x/text/width"

	"xxgk/analytics/csvsafe"
)

// WriteTable writes a console result as an aligned text table: a header, a
// rule, the rows (numbers right-aligned, NULL as "NULL"), then a line
// counting the rows and saying whether the result was cut.
func WriteTable(w io.Writer, res *ConsoleResult) error {
	cells := make([][]string, 0, len(res.Rows)+1)
	cells = append(cells, res.Columns)
	for _, row := range res.Rows {
		line := make([]string, len(row))
		for i, v := range row {
			line[i] = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(FormatValue(v, res.Types[i]))
		}
		cells = append(cells, line)
	}
	widths := make([]int, len(res.Columns))
	for _, line := range cells {
		for i, c := range line {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	bw := bufio.NewWriter(w)
	for n, line := range cells {
		for i, c := range line {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i > 0 {
				bw.WriteString("  ")
			}
			switch {
			case n > 0 && isNumeric(res.Types[i]):
				bw.WriteString(pad + c)
			case i == len(line)-1:
				bw.WriteString(c) // no trailing blanks
			default:
				bw.WriteString(c + pad)
			}
		}
		bw.WriteByte('\n')
		if n == 0 {
			for i, wd := range widths {
				if i > 0 {
					bw.WriteString("  ")
				}
				bw.WriteString(strings.Repeat("-", wd))
			}
			bw.WriteByte('\n')
		}
	}
	bw.WriteString(RowCount(res) + "\n")
	return bw.Flush()
}

// RowCount says how many rows a result holds, and that more exist when it
// was cut at the row cap.
func RowCount(res *ConsoleResult) string {
	s := fmt.Sprintf("(%d rows)", res.RowCount)
	if res.RowCount == 1 {
		s = "(1 row)"
	}
	switch {
	case res.Truncated && res.CutBy == CutBytes:
		s = fmt.Sprintf("(first %d rows: the result has more than %s; narrow the query or raise the byte limit)",
			res.RowCount, formatBytes(res.Limits.MaxBytes))
	case res.Truncated:
		s = fmt.Sprintf("(first %d rows: the result has more; narrow the query or raise the row limit)", res.RowCount)
	}
	return s
}

// formatBytes writes a byte count in the largest binary unit that divides
// it ("64 MB"), else in bytes.
func formatBytes(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GB"}, {1 << 20, "MB"}, {1 << 10, "KB"}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// WriteCSV writes a console result as CSV (csvsafe: a text cell that a
// spreadsheet would run as a formula starts with an apostrophe): a header
// line, then one line per row; NULL is an empty field.
func WriteCSV(w io.Writer, res *ConsoleResult) error {
	cw := csvsafe.NewWriter(w, csvsafe.Options{})
	if err := cw.Header(res.Columns); err != nil {
		return err
	}
	rec := make([]csvsafe.Cell, len(res.Columns))
	for _, row := range res.Rows {
		for i, v := range row {
			rec[i] = CSVCell(v, res.Types[i])
		}
		if err := cw.Row(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// CSVCell is one value of a console result as a CSV cell: NULL empty,
// numbers as numbers (never escaped: -3 stays a number), anything else
// as the text FormatValue writes.
func CSVCell(v any, typ string) csvsafe.Cell {
	if v == nil {
		return csvsafe.Number("")
	}
	s := FormatValue(v, typ)
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, *big.Int, duckdb.Decimal, json.Number:
		return csvsafe.Number(s)
	case float64, float32:
		return csvsafe.Cell{Text: s, Number: !strings.HasSuffix(s, "Infinity")}
	}
	return csvsafe.Text(s)
}

// WriteJSON writes a console result as one JSON array of objects, one per
// row and one line each, keyed by column name in column order.
func WriteJSON(w io.Writer, res *ConsoleResult) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	for n, row := range res.Rows {
		if n > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n{")
		for i, v := range row {
			if i > 0 {
				bw.WriteByte(',')
			}
			k, err := json.Marshal(res.Columns[i])
			if err != nil {
				return err
			}
			val, err := json.Marshal(JSONValue(v, res.Types[i]))
			if err != nil {
				return fmt.Errorf("column %s: %w", res.Columns[i], err)
			}
			bw.Write(k)
			bw.WriteByte(':')
			bw.Write(val)
		}
		bw.WriteString("}")
	}
	if len(res.Rows) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// and full-width characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// isNumeric reports whether a DuckDB type name is a number type.
func isNumeric(typ string) bool {
	switch typ {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
		"UBIGINT", "UHUGEINT", "BIGNUM", "FLOAT", "DOUBLE":
		return true
	}
	return strings.HasPrefix(typ, "DECIMAL")
}
