package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// MaxFileSize is the largest file ReadFile accepts. Real reports are a few
// hundred KB; 50 MB leaves room for PDFs with embedded scans and fonts.
const MaxFileSize = 50 << 20

// Magic numbers of the container forms.
var (
	magicPDF = []byte("%PDF-")
	magicZip = []byte("PK\x03\x04")
	// magicEmptyZip is an archive with no entries (end-of-directory first).
	magicEmptyZip = []byte("PK\x05\x06")
	magicOLE      = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	magicRTF      = []byte(`{\rtf`)
)

// Read detects the form of data from its content (magic bytes, markup), not
// from name's extension, and returns its lines. name is used in errors only.
// Every failure is an *Error; those caused by the input wrap one of the Err
// sentinels, for errors.Is.
func Read(name string, data []byte) (*Document, error) {
	doc, err := read(data)
	if err != nil {
		return nil, withFile(err, name)
	}
	return doc, nil
}

// withFile makes err an *Error naming file. Errors that are not already an
// *Error are internal failures (a temporary file that cannot be written):
// they keep their cause but wrap no sentinel.
func withFile(err error, file string) *Error {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Reason: err.Error(), Err: err}
	}
	if e.File == "" {
		e.File = file
	}
	return e
}

// read dispatches on the detected form.
func read(data []byte) (*Document, error) {
	// UTF-16 text and markup are re-encoded first so that every later step
	// can look for ASCII markers in the bytes.
	if u, ok := fromUTF16(data); ok {
		data = u
	}
	form, err := detect(data)
	if err != nil {
		return nil, err
	}
	switch form {
	case FormatPDF:
		return readPDF(data)
	case FormatDOCX:
		return readDOCX(data)
	case FormatHTML:
		return readHTML(data)
	}
	return readText(data)
}

// ReadFile reads the file at path, refusing files over MaxFileSize, and
// calls Read with it.
func ReadFile(path string) (*Document, error) {
	return readFile(path, MaxFileSize)
}

// Load reads a file's bytes, refusing files over MaxFileSize, with errors
// that name the file. Read the bytes with Read.
func Load(path string) ([]byte, error) {
	data, err := readLimited(path, MaxFileSize)
	if err != nil {
		return nil, withFile(err, path)
	}
	return data, nil
}

// readFile is ReadFile with the size limit as a parameter, for tests.
func readFile(path string, limit int64) (*Document, error) {
	data, err := readLimited(path, limit)
	if err != nil {
		return nil, withFile(err, path)
	}
	return Read(path, data)
}

// readLimited reads at most limit bytes of a file. It checks the size before
// reading, and again while reading, since a pipe or a growing file has no
// reliable size.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unreadable(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if st.Size() > limit {
			return nil, tooLarge(st.Size(), limit)
		}
		// Sized at once: io.ReadAll grows from 512 bytes, copying a report
		// some six times.
		buf.Grow(int(st.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, unreadable(err)
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, tooLarge(int64(len(data)), limit)
	}
	return data, nil
}

// unreadable reports a file that cannot be opened or read. The reason leaves
// out the path, which the *Error names already.
func unreadable(err error) *Error {
	reason := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err.Error()
	}
	return &Error{Reason: "cannot read file: " + reason, Err: err}
}

func tooLarge(size, limit int64) *Error {
	reason := fmt.Sprintf("file is %s, over the %s limit", humanSize(size), humanSize(limit))
	return fail(ErrTooLarge, reason, "split the report or extract its text first")
}

// detect decides the form from the content. Containers are recognised by
// their magic bytes; markup by its first tags; anything else must decode to
// mostly printable text.
func detect(data []byte) (Format, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", fail(ErrEmpty, "empty file", "")
	}
	switch {
	case hasMagic(data, magicPDF):
		return FormatPDF, nil
	case bytes.HasPrefix(data, magicZip):
		return detectZip(data)
	case bytes.HasPrefix(data, magicEmptyZip):
		return "", fail(ErrUnsupported, "empty zip archive, not a report", "")
	case bytes.HasPrefix(data, magicOLE):
		return "", legacyOffice(data)
	case bytes.HasPrefix(data, magicRTF):
		return "", fail(ErrUnsupported, "RTF document", "save it as .docx or PDF")
	}
	if kind := imageKind(data); kind != "" {
		return "", fail(ErrImageOnly, kind+" image, no text layer", "run OCR first")
	}
	if looksLikeHTML(data) || embeddedTables(data) {
		return FormatHTML, nil
	}
	return FormatText, nil
}

// hasMagic reports whether data starts with magic, allowing leading white
// space or junk within the first KB: readers accept a PDF whose header does
// not sit at byte 0, and some servers prepend a byte-order mark or blank line.
func hasMagic(data, magic []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, magic)
}

// detectZip tells a DOCX from other zip archives.
func detectZip(data []byte) (Format, error) {
	names, err := zipNames(data)
	if err != nil {
		return "", failCause(ErrMalformed, err, "damaged zip archive: "+err.Error(), "save the document again as .docx")
	}
	switch {
	case names["word/document.xml"]:
		return FormatDOCX, nil
	case names["xl/workbook.xml"]:
		return "", fail(ErrUnsupported, "Excel workbook (.xlsx) is not a report form we read", "save the report as .docx, PDF or HTML")
	case names["ppt/presentation.xml"]:
		return "", fail(ErrUnsupported, "PowerPoint file (.pptx) is not a report form we read", "save the report as .docx or PDF")
	case names["mimetype"]:
		return "", fail(ErrUnsupported, "OpenDocument file is not a report form we read", "save it as .docx or PDF")
	}
	return "", fail(ErrUnsupported, "zip archive is not a report form we read", "unpack it and read the report inside")
}

// legacyOffice names the Office 97-2003 document inside an OLE container. The
// stream names are stored as UTF-16LE in the directory sectors.
func legacyOffice(data []byte) error {
	switch {
	case bytes.Contains(data, utf16le("EncryptedPackage")):
		return fail(ErrEncrypted, "password-protected Office document", "remove the password in Word and save it again")
	case bytes.Contains(data, utf16le("WordDocument")):
		return fail(ErrUnsupported, "Word 97-2003 .doc", "save it as .docx")
	case bytes.Contains(data, utf16le("Workbook")), bytes.Contains(data, utf16le("Book")):
		return fail(ErrUnsupported, "Excel 97-2003 .xls", "save the report as .docx or PDF")
	}
	return fail(ErrUnsupported, "Office 97-2003 file", "save it as .docx")
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// imageKind names common image formats: a scanned page sent as a picture.
func imageKind(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
		return "JPEG"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "GIF"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "TIFF"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "WebP"
	}
	return ""
}

// htmlMarkers are tags whose presence near the start of a text marks markup.
// The check runs on the raw bytes: ASCII tags read the same in UTF-8 and in
// GB18030, whose trail bytes never fall in the ASCII punctuation range.
var htmlMarkers = []string{"<table", "<body", "<p>", "<p ", "<div", "<meta", "<head", "<title", "<br"}

// looksLikeHTML reports whether data is markup: a doctype or html tag at the
// start, or a few telling tags in the first 4 KB. A text report mentions
// tags only by accident, so a single stray "<p>" is not enough unless the
// text starts with a tag.
//
// It looks only at what follows each '<' (tagHeads): every pattern it tests
// starts with '<' and is shorter than a tag head.

func looksLikeHTML(data []byte) bool {
	head := bytes.TrimLeft(stripBOM(data), " \t\r\n\f")
	if len(head) > 4096 {
		head = head[:4096] // only the start tells, and copying all of it is costly
	}
	lower := tagHeads(head)
	if strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html") ||
		strings.HasPrefix(lower, "<?xml") && strings.Contains(lower, "<html") {
		return true
	}
	found := 0
	for _, m := range htmlMarkers {
		if strings.Contains(lower, m) {
			found++
		}
	}
	return found >= 2 || found == 1 && strings.HasPrefix(lower, "<")
}

// embeddedTables reports text that holds an HTML table with its rows and
// cells, anywhere in it: Markdown from converters such as MinerU writes its
// tables so. It is read as markup, where the tables keep their cells.
func embeddedTables(data []byte) bool {
	i := bytes.Index(data, []byte("<table"))
	if i < 0 {
		return false
	}
	rest := data[i:]
	return bytes.Contains(rest, []byte("<tr")) && bytes.Contains(rest, []byte("<td")) && bytes.Contains(rest, []byte("</table>"))
}

// tagHeadLen is how much of what follows a '<' tagHeads keeps: more than
// the longest pattern looksLikeHTML tests ("<!doctype html").
const tagHeadLen = 16

// tagHeads returns, ASCII letters lowered, the text from each '<' of b up to
// the next '<' or tagHeadLen bytes, each followed by a NUL; it starts with a
// NUL when b does not start with '<'. A pattern that starts with '<', holds
// no other '<' and no NUL, and is at most tagHeadLen bytes long occurs in it
// exactly when it occurs in b lowered, and is a prefix of it exactly when it
// is a prefix of b lowered. Lowering only these few bytes spares a copy of
// the whole head, character by character.
func tagHeads(b []byte) string {
	var out strings.Builder
	if len(b) == 0 || b[0] != '<' {
		out.WriteByte(0)
	}
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		start := i + j
		end := min(len(b), start+tagHeadLen)
		out.WriteByte('<')
		for i = start + 1; i < end && b[i] != '<'; i++ {
			c := b[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			out.WriteByte(c)
		}
		out.WriteByte(0)
	}
	return out.String()
}
