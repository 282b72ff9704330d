package main

import (
	"flag"

	"xxgk/dashboard"
)

// uploadFlags are serve's bounds on uploads.
type uploadFlags struct {
	maxFileMB, maxRequestMB *int64
	maxFiles                *int
}

func addUploadFlags(fl *flag.FlagSet) *uploadFlags {
	return &uploadFlags{
		maxFileMB:    fl.Int64("upload-max-file", dashboard.DefaultUploadFileBytes>>20, "largest uploaded file, a file inside a .zip included, in `MB`"),
		maxRequestMB: fl.Int64("upload-max-request", dashboard.DefaultUploadRequestBytes>>20, "largest upload (and .zip contents) per request, in `MB`"),
		maxFiles:     fl.Int("upload-max-files", dashboard.DefaultUploadFiles, "most files per upload request"),
	}
}

func (f *uploadFlags) options() dashboard.UploadOptions {
	return dashboard.UploadOptions{
		MaxFileBytes:    *f.maxFileMB << 20,
		MaxRequestBytes: *f.maxRequestMB << 20,
		MaxFiles:        *f.maxFiles,
	}
}
