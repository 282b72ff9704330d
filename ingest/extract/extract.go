// Package extract turns a report file, in whatever form it arrived (plain
// text in UTF-8 or GB18030, a saved HTML page, DOCX, PDF), into a Document:
// the report's lines, each split into cells. It knows nothing of the report
// template; package ingest reads the figures out of the lines.
package extract

// Format is the form a report arrived in, detected from its content.
type Format string

// The formats Read understands.
const (
	FormatText Format = "text"
	FormatHTML Format = "html"
	FormatDOCX Format = "docx"
	FormatPDF  Format = "pdf"
)

// Line is one line of a document: a paragraph, a line of text or a table row.
type Line struct {
	// Cells holds the text of each cell, trimmed of surrounding white space
	// (including U+3000); an empty cell is "". A paragraph is one cell.
	Cells []string
	// Table is true when the cells come from a real table (an HTML or DOCX
	// table row) or from explicit separators (tabs, '|'), so that an empty
	// cell is a printed empty cell rather than an artefact of layout.
	Table bool
	// Columns holds, for text split on runs of spaces (pdftotext -layout),
	// the column in runes at which each cell starts; nil otherwise.
	Columns []int
}

// Document is a report reduced to lines.
type Document struct {
	Format Format
	// Title is a title the container carries apart from the body (the HTML
	// <title>), "" if none. A hint only: the body's own title is preferred.
	Title string
	// Published is a publication date from the container's metadata (an HTML
	// <meta name="PubDate"> and similar), as YYYY-MM-DD, "" if none.
	Published string
	Lines     []Line
	// Warnings says what reading the file had to tolerate (a few bytes
	// that are not valid in its encoding, a document cut at a bound).
	Warnings []string
}
