//go:build race

package storage

// raceEnabled: the race detector slows the store about tenfold, so the
// long randomised tests run fewer steps under it.
const raceEnabled = true
