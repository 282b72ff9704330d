//go:build unix

package store

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used so far, DuckDB's
// threads included: on a shared machine a statement's CPU says more than
// its wall-clock time.
func processCPU() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
