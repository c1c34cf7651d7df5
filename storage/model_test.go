package storage

import (
	"path/filepath"
	"testing"

	"github.com/rockerstop/refundbot/conversations/storetest"
)

// TestModel runs the model test (storetest.Model: random operations
// against the store and an in-memory model, compared after every step)
// on a bbolt file, reopened now and then.
func TestModel(t *testing.T) {
	steps := 2000
	if testing.Short() || raceEnabled {
		steps = 500
	}
	storetest.Model(t, storetest.ModelOptions{Seeds: []uint64{1, 2, 3}, Steps: steps, VerifyEvery: 10},
		func(t *testing.T) func() storetest.ModelStore {
			path := filepath.Join(t.TempDir(), "model.db")
			return func() storetest.ModelStore {
				db, err := Open(path, Options{NoSync: true})
				must(t, err)
				return db
			}
		})
}
