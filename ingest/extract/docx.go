package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// maxPartSize bounds the uncompressed size of the XML parts we read, so that
// a zip bomb cannot exhaust memory. A 300-page report is about 10 MB of XML.
// A variable so that tests can lower it.
var maxPartSize int64 = 100 << 20

const (
	docxBody = "word/document.xml"
	docxCore = "docProps/core.xml"
)

// readDOCX reads a Word document: the paragraphs and tables of its body, in
// order, and the title from its properties. The body is read as a stream of
// XML tokens, keeping only text and table structure, so memory follows the
// text kept, not the size of the markup.
func readDOCX(data []byte) (*Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, failCause(ErrMalformed, err, "damaged DOCX: "+err.Error(), "open it in Word and save it again")
	}
	body, err := zipOpen(zr, docxBody)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	r, err := newDocxReader(body)
	if err == nil {
		err = r.read()
	}
	if err != nil {
		if errors.Is(err, errPartTooLarge) {
			return nil, partTooLarge(docxBody)
		}
		return nil, failCause(ErrMalformed, err, "damaged DOCX: "+docxBody+": "+err.Error(), "open it in Word and save it again")
	}
	if len(r.lines) == 0 {
		return nil, fail(ErrEmpty, "Word document without text", "")
	}
	doc := &Document{Format: FormatDOCX, Lines: r.lines}
	if r.cut {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("the Word document holds more than %d lines; only the first %d were read (a report has a few hundred)",
			maxDocxLines, maxDocxLines))
	}
	if core, err := zipPart(zr, docxCore); err == nil {
		// core.xml dates are when the file was made or saved, not when
		// the report was published, so only the title is taken.
		doc.Title = coreTitle(core)
	}
	return doc, nil
}

// zipNames lists the names of the entries of a zip archive.
func zipNames(data []byte) (map[string]bool, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	names := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		names[f.Name] = true
	}
	return names, nil
}

// zipPart reads one entry of an archive, refusing to inflate it past
// maxPartSize whatever its header claims.
func zipPart(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > uint64(maxPartSize) {
			return nil, partTooLarge(name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, failCause(ErrMalformed, err, "damaged DOCX: "+name+": "+err.Error(), "open it in Word and save it again")
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
		if err != nil {
			return nil, failCause(ErrMalformed, err, "damaged DOCX: "+name+": "+err.Error(), "open it in Word and save it again")
		}
		if int64(len(data)) > maxPartSize {
			return nil, partTooLarge(name)
		}
		return data, nil
	}
	return nil, fail(ErrMalformed, "damaged DOCX: no "+name, "open it in Word and save it again")
}

// errPartTooLarge is returned by a part's reader past maxPartSize.
var errPartTooLarge = errors.New("part too large")

// zipOpen opens one entry of an archive for streaming; reading it fails
// past maxPartSize whatever its header claims.
func zipOpen(zr *zip.Reader, name string) (io.ReadCloser, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > uint64(maxPartSize) {
			return nil, partTooLarge(name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, failCause(ErrMalformed, err, "damaged DOCX: "+name+": "+err.Error(), "open it in Word and save it again")
		}
		return &limitedPart{rc: rc, left: maxPartSize, size: int64(f.UncompressedSize64)}, nil
	}
	return nil, fail(ErrMalformed, "damaged DOCX: no "+name, "open it in Word and save it again")
}

// limitedPart is a zip entry that fails once it has inflated past a bound.
type limitedPart struct {
	rc   io.ReadCloser
	left int64
	size int64 // what the archive says the entry inflates to (a hint)
}

func (l *limitedPart) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, errPartTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.rc.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, errPartTooLarge
	}
	return n, err
}

func (l *limitedPart) Close() error { return l.rc.Close() }

func partTooLarge(name string) *Error {
	reason := fmt.Sprintf("%s expands to over %s", name, humanSize(maxPartSize))
	return fail(ErrTooLarge, reason, "not a plausible report; save it again from Word or send a PDF")
}

// coreTitle returns dc:title from docProps/core.xml, "" if absent or
// unreadable (the title is only a hint).
func coreTitle(data []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charset.NewReaderLabel
	inTitle := false
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inTitle = t.Name.Local == "title"
		case xml.CharData:
			if inTitle {
				b.Write(t)
			}
		case xml.EndElement:
			if inTitle {
				return collapseSpace(b.String())
			}
		}
	}
}
