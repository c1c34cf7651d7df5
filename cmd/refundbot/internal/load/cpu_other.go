//go:build !unix

package load

import "time"

// processCPU is 0 where getrusage is not there: the CPU rows then read 0.
func processCPU() time.Duration { return 0 }
