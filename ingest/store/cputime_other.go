//go:build !unix

package store

import "time"

// processCPU is not measured here (TableTime.CPU stays 0).
func processCPU() time.Duration { return 0 }
