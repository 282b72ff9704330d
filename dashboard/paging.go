package dashboard

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pageRows is the most rows a table sends in a page: one screen or two.
// A longer table is paged, sorted and searched on the server, so a page of
// a whole province stays light; the downloads keep every row.
const pageRows = 100

// pager is what a paged table shows around its rows.
type pager struct {
	ID          string
	Action      string // the page's path
	Hidden      []param
	Query       string // the search within the table
	From, To    int    // 1-based rows shown
	Matched     int    // rows matching the search
	Total       int    // rows of the table
	Prev, Next  string // links, "" at either end
	SortHref    []string
	SortedBy    int // column sorted on, -1 none
	Descending  bool
	WholeSearch bool // the search matched nothing
	// Print links the same view with every row (print=1), what a printed
	// page must hold; Printing says this is that view.
	Print    string
	Printing bool
	// Cut: the rows are the first of a longer list (the Source's row
	// cap), so no column sorts them: sorted, they would claim an order of
	// the whole list they do not hold. Search looks in them only.
	Cut bool
}

type param struct{ Name, Value string }

// Paged says the table's rows are a page of a longer list.
func (p *pager) Paged() bool { return p != nil }

// pageTables pages, sorts and searches on the server every table of the
// page longer than pageRows (or asked to be sorted or searched): the query
// parameters ID-p (page), ID-s (column key, "-" before it for descending)
// and ID-q (text) of each table, so a link reproduces the view. With
// print=1 every table holds every row (still sorted and searched), for
// print-to-PDF; the lists behind them keep their row cap, whose note the
// section prints.
func (v *pageView) pageTables(path string, q url.Values) {
	for i := range v.Sections {
		sec := &v.Sections[i]
		id := sec.ID()
		if len(sec.Table.Rows) <= pageRows && q.Get(id+"-s") == "" && q.Get(id+"-q") == "" {
			continue
		}
		sec.Pager = pageTable(&sec.Table, path, q)
	}
}

// pageTable cuts t's rows to the requested page and returns the pager.
func pageTable(t *Table, path string, q url.Values) *pager {
	id := t.Name
	p := &pager{ID: id, Action: path, Total: len(t.Rows), SortedBy: -1}
	for k, vs := range q {
		if k != id+"-p" && k != id+"-q" && len(vs) > 0 {
			p.Hidden = append(p.Hidden, param{k, vs[0]})
		}
	}
	slices.SortFunc(p.Hidden, func(a, b param) int { return cmp.Compare(a.Name, b.Name) })
	p.Query = strings.TrimSpace(q.Get(id + "-q"))
	if utf8.RuneCountInString(p.Query) > 50 {
		p.Query = string([]rune(p.Query)[:50])
	}
	rows := t.Rows
	if p.Query != "" {
		rows = slices.DeleteFunc(slices.Clone(rows), func(r []Cell) bool {
			return !slices.ContainsFunc(r, func(c Cell) bool { return strings.Contains(c.Text, p.Query) })
		})
	}
	sortKey := q.Get(id + "-s")
	if p.Cut = t.Cut != nil; p.Cut {
		sortKey = ""
	}
	p.Descending = strings.HasPrefix(sortKey, "-")
	sortKey = strings.TrimPrefix(sortKey, "-")
	for i, c := range t.Columns {
		if c.Key != "" && c.Key == sortKey {
			p.SortedBy = i
		}
	}
	if p.SortedBy >= 0 {
		rows = sortRows(rows, p.SortedBy, t.Columns[p.SortedBy].Numeric(), p.Descending)
	}
	p.Matched = len(rows)
	size := pageRows
	if p.Printing = q.Get("print") == "1"; p.Printing {
		size = max(len(rows), 1)
	}
	page, _ := strconv.Atoi(q.Get(id + "-p"))
	pages := max(1, (len(rows)+size-1)/size)
	page = min(max(page, 1), pages)
	p.From = (page-1)*size + 1
	p.To = min(page*size, len(rows))
	if len(rows) == 0 {
		p.From = 0
	}
	link := func(n int) string {
		v := cloneValues(q)
		v.Set(id+"-p", strconv.Itoa(n))
		return withQuery(path, v) + "#" + id
	}
	if !p.Printing {
		v := cloneValues(q)
		v.Del(id + "-p")
		v.Set("print", "1")
		p.Print = withQuery(path, v)
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	for i, c := range t.Columns {
		if p.Cut {
			break
		}
		v := cloneValues(q)
		v.Del(id + "-p")
		key := c.Key
		// A second click on the sorted column reverses it; a number sorts
		// largest first on the first click.
		if (i == p.SortedBy && !p.Descending) || (i != p.SortedBy && c.Numeric()) {
			key = "-" + key
		}
		v.Set(id+"-s", key)
		p.SortHref = append(p.SortHref, withQuery(path, v)+"#"+id)
	}
	t.Rows = rows[max(p.From-1, 0):p.To]
	return p
}

// sortRows sorts rows on a column: numbers as numbers (absent last),
// text in Chinese collation order by its code points.
func sortRows(rows [][]Cell, col int, numeric, desc bool) [][]Cell {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b []Cell) int {
		x, y := a[col], b[col]
		if numeric {
			xv, xok := numberOf(x.Value)
			yv, yok := numberOf(y.Value)
			switch {
			case !xok && !yok:
				return 0
			case !xok:
				return 1
			case !yok:
				return -1
			}
			if desc {
				return cmp.Compare(yv, xv)
			}
			return cmp.Compare(xv, yv)
		}
		if desc {
			return strings.Compare(y.Text, x.Text)
		}
		return strings.Compare(x.Text, y.Text)
	})
	return out
}

func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

func cloneValues(q url.Values) url.Values {
	v := url.Values{}
	for k, vs := range q {
		v[k] = slices.Clone(vs)
	}
	return v
}
