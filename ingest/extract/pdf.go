package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"
)

// pdfTimeout bounds one pdftotext run. A 50-page report takes well under a
// second; a PDF that takes a minute is broken or hostile.
var pdfTimeout = 60 * time.Second

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

	out, err := runPDFToText(tool, path)
	if err != nil {
		return nil, err
	}
	lines := textLines(strings.ToValidUTF8(string(out), "\uFFFD"))
	if len(lines) == 0 {
		return nil, fail(ErrImageOnly, "image-only PDF (scanned pages, no text layer)", "run OCR first")
	}
	return &Document{Format: FormatPDF, Lines: lines}, nil
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
func runPDFToText(tool, path string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, "-layout", "-enc", "UTF-8", path, "-")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	msg := strings.TrimSpace(stderr.String())
	switch {
	case ctx.Err() != nil:
		return nil, failCause(ErrMalformed, ctx.Err(), "pdftotext took over "+pdfTimeout.String(), "the PDF may be damaged; open it and print it to a new PDF")
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
