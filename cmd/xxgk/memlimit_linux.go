package main

import "syscall"

// limitMemory caps the process's data segment and private anonymous
// mappings (RLIMIT_DATA) at bytes: every heap DuckDB or Go can grow. It is
// the server's hard memory ceiling. DuckDB's memory_limit governs its
// buffers and operators but not every value it builds (one
// repeat('x', 2000000000) is a 2 GB string outside it); under this limit
// such an allocation fails inside DuckDB, which reports the query as
// failed, and the server goes on. 0 leaves the limit as it is.
func limitMemory(bytes int64) error {
	if bytes <= 0 {
		return nil
	}
	var cur syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &cur); err != nil {
		return err
	}
	lim := uint64(bytes)
	if cur.Max < lim {
		lim = cur.Max // an unprivileged process cannot raise its hard limit
	}
	return syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: lim, Max: cur.Max})
}

// memoryLimitSupported says whether limitMemory enforces anything here.
const memoryLimitSupported = true
