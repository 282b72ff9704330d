//go:build !linux

package main

// limitMemory does nothing where RLIMIT_DATA does not bound mmap'd memory;
// the README says the ceiling holds on Linux only.
func limitMemory(int64) error { return nil }

// memoryLimitSupported says whether limitMemory enforces anything here.
const memoryLimitSupported = false
