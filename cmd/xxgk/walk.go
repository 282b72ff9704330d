package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"xxgk/ingest/store"
)

// collectFiles expands directories into the report files under them, in
// lexical order, so that output is stable. What cannot be taken is told to
// warn and skipped, never stopping the walk: a folder that cannot be read,
// and a FIFO, socket or device (opening one to read could block forever).
// Names in messages are escaped (store.EscapeName): a name may hold bytes
// that are not UTF-8 or control characters. The list is compact (a
// national run walks 276,133 files, a million-report one a million).
func collectFiles(args []string, warn func(string)) (*store.PathList, error) {
	files := &store.PathList{}
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", store.EscapeName(a), pathErrOnly(err))
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				warn(fmt.Sprintf("%s: not a regular file; skipped", store.EscapeName(a)))
				continue
			}
			if err := files.Add(a); err != nil {
				return nil, err
			}
			continue
		}
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				warn(fmt.Sprintf("%s: cannot read it (%v); skipped", store.EscapeName(path), pathErrOnly(err)))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			return take(a, path, d, files, warn)
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// take adds one walked entry if it is a report file.
func take(root, path string, d fs.DirEntry, files *store.PathList, warn func(string)) error {
	name := d.Name()
	if d.IsDir() {
		if path != root && strings.HasPrefix(name, ".") {
			return filepath.SkipDir
		}
		return nil
	}
	// A folder's README describes the reports; it is not one.
	readme := strings.HasPrefix(strings.ToLower(name), "readme")
	if strings.HasPrefix(name, ".") || readme || !reportExts[strings.ToLower(filepath.Ext(name))] {
		return nil
	}
	if !d.Type().IsRegular() {
		info, err := os.Stat(path) // a symbolic link to a file is taken
		if err != nil || !info.Mode().IsRegular() {
			warn(fmt.Sprintf("%s: not a regular file (a FIFO, socket, device or broken link); skipped", store.EscapeName(path)))
			return nil
		}
	}
	return files.Add(path)
}

func pathErrOnly(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
