//go:build !unix

package main

// execWithAllocatorConf does nothing where a process cannot start again
// in place: DuckDB's allocator keeps its defaults.
func execWithAllocatorConf() error { return nil }
