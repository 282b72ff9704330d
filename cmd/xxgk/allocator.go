package main

import (
	"os"
	"slices"
	"strings"
)

// duckdbAllocatorEnv is where DuckDB's bundled jemalloc reads its options
// (its MALLOC_CONF, under DuckDB's prefix), once, at its first allocation.
const duckdbAllocatorEnv = "DUCKDB_JE_MALLOC_CONF"

// batchAllocatorConf stops jemalloc retaining the address space it has
// unmapped. Retained, it stays in the process's data segment (VmData, what
// RLIMIT_DATA bounds) after the memory is freed, and grows geometrically
// per arena: a server over a million reports reserved 2.9 GB within 4 s of
// starting while 1.7 GB was resident, then died when the Go runtime's next
// mapping passed the 4 GB --memory-ceiling-mb. Released, it tracks what is
// in use (1.9 GB on the same start).
const batchAllocatorConf = "retain:false"

// servingAllocatorConf also returns freed pages to the system at once
// (jemalloc keeps them resident for 10 s by default). A server's analyst
// queries free and allocate up to DuckDB's memory limit one after another;
// with the pages kept, resident memory is the sum of several queries'
// peaks, not the largest: TestServeSurvivesHeavyLoad measured a peak of
// 1,552–1,733 MB (1,792 MB on CI, past its 1,664 MB bound), and
// 1,174–1,240 MB with the pages returned. An ingest keeps the default
// decay: returning pages costs it system time (7.4 against 6.4 CPU-s for
// 9,511 reports) and its peak is bounded by DuckDB's limits already.
const servingAllocatorConf = "retain:false,dirty_decay_ms:0,muzzy_decay_ms:0"

// allocatorConfFor is the allocator's configuration for a subcommand.
func allocatorConfFor(command string) string {
	switch command {
	case "serve", "demo":
		return servingAllocatorConf
	}
	return batchAllocatorConf
}

// allocatorSetByUs is true when this process chose the allocator's options
// itself: its children (bench's ingest and serve) must then choose their
// own, not inherit this command's.
var allocatorSetByUs bool

// configureDuckDBAllocator sets DuckDB's allocator options for this
// process's subcommand, unless the environment already gives its own. It
// must run before the first database is opened.
func configureDuckDBAllocator(command string) {
	if _, set := os.LookupEnv(duckdbAllocatorEnv); set {
		return
	}
	os.Setenv(duckdbAllocatorEnv, allocatorConfFor(command))
	allocatorSetByUs = true
}

// childEnviron is the environment for an xxgk started by this one: the
// operator's, without the allocator options this process chose for itself.
func childEnviron() []string {
	env := os.Environ()
	if !allocatorSetByUs {
		return env
	}
	return slices.DeleteFunc(env, func(kv string) bool {
		return strings.HasPrefix(kv, duckdbAllocatorEnv+"=")
	})
}
