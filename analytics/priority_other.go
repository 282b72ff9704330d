//go:build !linux

package analytics

// runLowPriority runs f: thread priorities are set on Linux only.
func runLowPriority(f func()) { f() }
