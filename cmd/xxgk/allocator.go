package main

import "os"

// duckdbAllocatorEnv is where DuckDB's bundled jemalloc reads its options
// (its MALLOC_CONF, under DuckDB's prefix), once, at its first allocation.
const duckdbAllocatorEnv = "DUCKDB_JE_MALLOC_CONF"

// duckdbAllocatorConf stops jemalloc retaining the address space it has
// unmapped. Retained, it stays in the process's data segment (VmData, what
// RLIMIT_DATA bounds) after the memory is freed, and grows geometrically
// per arena: a server over a million reports reserved 2.9 GB within 4 s of
// starting while 1.7 GB was resident, then died when the Go runtime's next
// mapping passed the 4 GB --memory-ceiling-mb. Released, it tracks what is
// in use (1.9 GB on the same start).
const duckdbAllocatorConf = "retain:false"

// configureDuckDBAllocator sets DuckDB's allocator options for this
// process, unless the environment already gives its own. It must run
// before the first database is opened.
func configureDuckDBAllocator() {
	if _, set := os.LookupEnv(duckdbAllocatorEnv); !set {
		os.Setenv(duckdbAllocatorEnv, duckdbAllocatorConf)
	}
}
