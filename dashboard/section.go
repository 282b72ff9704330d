package dashboard

// section is one block of a page: a table, usually drawn as a chart above
// it, with its downloads. Its ID is the dataset's name, so the same table is
// behind /api/ID and /export/ID.csv|xlsx.
type section struct {
	Table Table
	Note  string // a line under the heading
	// DefHref links the full definition of the 口径 in Note.
	DefHref string
	Chart   *chartView // nil: table only
	// Open shows the table; otherwise it is folded under the chart (still
	// in the page, for screen readers and keyboards), or on its own.
	Open bool
	// Empty is said instead of drawing an empty chart or table.
	Empty string
	// Hidden leaves the section off the page (its dataset stays, for the
	// API and the downloads): a section that cannot apply to the selection.
	Hidden    bool
	Downloads downloads
	// Limit, when above 0, says the chart shows only the first Limit rows.
	Limit int
	// Ends, when above 0, says the chart shows only the first and the last
	// Ends rows.
	Ends int
	// Pager, when set, says the table shows one page of its rows (paged,
	// sorted and searched on the server).
	Pager *pager
}

// ID is the section's dataset name, also its HTML id.
func (s section) ID() string { return s.Table.Name }

// IsEmpty says the selection has nothing for this section.
func (s section) IsEmpty() bool { return len(s.Table.Rows) == 0 }

// downloads are the links under every chart and table.
type downloads struct {
	CSV, XLSX, JSON string
}

// newSection makes a section of a table, with its downloads for sel; its
// note says so when the table is cut.
func newSection(t Table, sel Selection) section {
	return section{
		Table: t,
		Note:  t.Cut.Note(),
		Empty: "所选范围内没有数据。",
		Downloads: downloads{
			CSV:  sel.Export(t.Name, "csv"),
			XLSX: sel.Export(t.Name, "xlsx"),
			JSON: sel.Export(t.Name, "json"),
		},
	}
}

// withChart adds a chart, built unless the table is empty.
func (s section) withChart(build func() (chart, int)) (section, error) {
	if s.IsEmpty() {
		return s, nil
	}
	c, height := build()
	v, err := newChartView(c, height)
	if err != nil {
		return s, err
	}
	s.Chart = v
	return s, nil
}

// setNote sets the line under the heading, followed by what the table
// leaves out when it is cut.
func (s *section) setNote(text string) { s.Note = text + s.Table.Cut.Note() }
