package analytics

import (
	"runtime"
	"syscall"
)

// consoleNice is the scheduling priority (nice) of an analyst's query in a
// server: at 5 the kernel gives its thread about a third of what a page's
// thread gets when both want a core, and all of a core nobody else wants.
// 10 (a tenth) starved the console on a machine loaded by others: a
// niced thread yields to every process, not only to the pages.
const consoleNice = 5

// runLowPriority runs f on an operating-system thread of its own at
// consoleNice and waits for it. A server's DuckDB runs each statement on
// its caller's thread (threads=1, servingSettings), so an analyst's query
// run inside f yields the cores to the pages' queries whenever they want
// them. The thread is never unlocked: a goroutine that ends locked takes
// its thread with it, so the lowered priority (which an unprivileged
// process could not raise again) never reaches other work.
func runLowPriority(f func()) {
	done := make(chan any)
	go func() {
		var p any
		defer func() { done <- p }()
		defer func() { p = recover() }()
		runtime.LockOSThread()
		// Best effort: where the priority cannot be set, f runs as is.
		_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), consoleNice)
		f()
	}()
	if p := <-done; p != nil {
		panic(p)
	}
}
