package load

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// phaseProfile records a CPU, a block and a mutex profile of one phase of
// a run into dir as <phase>-cpu.pprof, <phase>-block.pprof and
// <phase>-mutex.pprof. With dir empty it does nothing. stop ends the phase
// and writes the files.
func phaseProfile(dir, phase string) (stop func() error, err error) {
	if dir == "" {
		return func() error { return nil }, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	cpu, err := os.Create(filepath.Join(dir, phase+"-cpu.pprof"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	runtime.SetBlockProfileRate(int(10_000)) // a sample per 10 µs blocked
	runtime.SetMutexProfileFraction(5)
	return func() error {
		pprof.StopCPUProfile()
		cerr := cpu.Close()
		for _, name := range []string{"block", "mutex"} {
			f, err := os.Create(filepath.Join(dir, phase+"-"+name+".pprof"))
			if err != nil {
				return err
			}
			werr := pprof.Lookup(name).WriteTo(f, 0)
			if err := f.Close(); werr == nil {
				werr = err
			}
			if werr != nil {
				return werr
			}
		}
		runtime.SetBlockProfileRate(0)
		runtime.SetMutexProfileFraction(0)
		return cerr
	}, nil
}
