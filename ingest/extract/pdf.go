package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// pdfTimeout bounds one pdftotext run. A 50-page report takes well under a
// second; a PDF that takes a minute is broken or hostile. A small file gets
// less: 10 s plus 1 s per 100 KB (see pdfTimeoutFor).
var pdfTimeout = 60 * time.Second

// maxPDFPages bounds the pages read: a report has at most a few dozen, and a
// 20,000-page file must not cost the whole timeout.
const maxPDFPages = 200

// maxPDFText bounds the text taken from pdftotext.
const maxPDFText = 32 << 20

// pdfTimeoutFor is the time one PDF of size bytes may take: proportional to
// its size, never over pdfTimeout.
func pdfTimeoutFor(size int) time.Duration {
	return min(pdfTimeout, 10*time.Second+time.Duration(size/(100<<10))*time.Second)
}

const installPoppler = "install poppler-utils: apt-get install poppler-utils"

// readPDF extracts the text layer of a PDF with `pdftotext -layout`, which
// keeps each table row on one line with its columns separated by runs of
// spaces, and reads that text with the text rules.
func readPDF(data []byte) (*Document, error) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, failCause(ErrNoPDFTool, err, "pdftotext not found", installPoppler)
	}
	path, cleanup, err := tempPDF(data)
	if err != nil {
		return nil, err
	}
	defer cleanup()

	out, err := runPDFToText(tool, path, pdfTimeoutFor(len(data)))
	if err != nil {
		return nil, err
	}
	lines, cut := textLines(strings.ToValidUTF8(string(out), "\uFFFD"))
	if len(lines) == 0 {
		return nil, fail(ErrImageOnly, "image-only PDF (scanned pages, no text layer)", "run OCR first")
	}
	doc := &Document{Format: FormatPDF, Lines: lines}
	if cut {
		doc.Warnings = append(doc.Warnings, cutWarning())
	}
	if bytes.Count(out, []byte{'\f'}) >= maxPDFPages || len(out) >= maxPDFText {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("only the first %d pages of the PDF were read (a report has a few dozen)", maxPDFPages))
	}
	return doc, nil
}

// tempPDF writes data to a temporary file for pdftotext, which needs a
// seekable file rather than a pipe.
func tempPDF(data []byte) (path string, cleanup func(), err error) {
	f, err := os.CreateTemp("", "xxgk-*.pdf")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.Remove(f.Name()) }
	if _, err := f.Write(data); err != nil {
		f.Close()
		cleanup()
		return "", nil, err
	}
	if err := f.Close(); err != nil {
		cleanup()
		return "", nil, err
	}
	return f.Name(), cleanup, nil
}

// runPDFToText runs pdftotext and classifies its failures.
func runPDFToText(tool, path string, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, "-layout", "-enc", "UTF-8", "-l", fmt.Sprint(maxPDFPages), path, "-")
	var stdout, stderr cappedBuffer
	stdout.max, stderr.max = maxPDFText, 64<<10
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	msg := strings.TrimSpace(stderr.String())
	switch {
	case ctx.Err() != nil:
		return nil, failCause(ErrMalformed, ctx.Err(), "pdftotext took over "+timeout.String(), "the PDF may be damaged; open it and print it to a new PDF")
	case err == nil:
		// Warnings about damaged objects go to stderr even when the text
		// comes out; the text is what counts.
		return stdout.Bytes(), nil
	case encryptedMessage(msg):
		return nil, failCause(ErrEncrypted, errors.New(msg), "encrypted PDF: "+firstLine(msg), "remove the password (qpdf --decrypt) or send an unprotected copy")
	}
	reason := "pdftotext cannot read this PDF"
	if msg != "" {
		reason += ": " + firstLine(msg)
	}
	return nil, failCause(ErrMalformed, err, reason, "the PDF may be damaged; open it and print it to a new PDF")
}

// cappedBuffer keeps the first max bytes written to it and drops the rest,
// so that a runaway pdftotext cannot fill memory.
type cappedBuffer struct {
	bytes.Buffer
	max int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// encryptedMessage reports whether pdftotext refused a file for its
// password or permissions ("Incorrect password", "Permission Error: Copying
// of text from this document is not allowed").
func encryptedMessage(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "password") || strings.Contains(m, "encrypt") ||
		strings.Contains(m, "permission error") || strings.Contains(m, "copying of text")
}

// firstLine keeps error output short: pdftotext may print one warning per
// damaged object.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
