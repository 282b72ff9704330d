package analytics

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"
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
	s := fmt.Sprintf("(%d rows)", len(res.Rows))
	if len(res.Rows) == 1 {
		s = "(1 row)"
	}
	if res.Truncated {
		s = fmt.Sprintf("(first %d rows: the result has more; narrow the query or raise the row limit)", len(res.Rows))
	}
	return s
}

// WriteCSV writes a console result as CSV: a header line, then one line per
// row; NULL is an empty field.
func WriteCSV(w io.Writer, res *ConsoleResult) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(res.Columns); err != nil {
		return err
	}
	rec := make([]string, len(res.Columns))
	for _, row := range res.Rows {
		for i, v := range row {
			rec[i] = ""
			if v != nil {
				rec[i] = FormatValue(v, res.Types[i])
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
		"UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE":
		return true
	}
	return strings.HasPrefix(typ, "DECIMAL")
}
