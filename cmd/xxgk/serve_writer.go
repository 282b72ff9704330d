package main

import (
	"context"
	"sync/atomic"

	"xxgk/ingest/store"
)

// ingestHook, set by tests, is called after each file of a run the server
// loads (an upload, or a run xxgk ingest handed over), inside the run: a
// test pauses the run there to read the pages, stop or kill the server
// while the batch is certainly in progress, without timing.
var ingestHook atomic.Pointer[func(done, total int)]

// writer is the server's one writer, its store, through which every run
// the server loads goes, with ingestHook.
type writer struct{ *store.Store }

// IngestSources loads a run through the store (dashboard.Ingester).
func (w writer) IngestSources(ctx context.Context, srcs []store.Source, opt store.Options) (store.Summary, error) {
	if hook := ingestHook.Load(); hook != nil {
		progress := opt.Progress
		opt.Progress = func(done, total int) {
			if progress != nil {
				progress(done, total)
			}
			(*hook)(done, total)
		}
	}
	return w.Store.IngestSources(ctx, srcs, opt)
}
