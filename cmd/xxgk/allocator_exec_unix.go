//go:build unix

package main

import (
	"os"
	"syscall"
)

// execWithAllocatorConf starts this program again in this process, with
// DuckDB's allocator options in its environment, when this process chose
// them (configureDuckDBAllocator). It must: jemalloc reads them at its
// first allocation, which DuckDB's static initialisers make before Go's
// main runs, so options set afterwards change nothing (a server measured
// 2.5 GB of data segment and a 1.9 GB peak with them set by main, 0.4 GB
// and 1.2 GB with them in its environment from the start). It returns
// only when the program cannot be started again; the process then goes on
// with the allocator's defaults.
func execWithAllocatorConf() error {
	if !allocatorSetByUs {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, os.Environ())
}
