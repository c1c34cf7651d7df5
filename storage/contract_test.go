package storage

import (
	"testing"

	"github.com/rockerstop/refundbot/conversations/storetest"
)

// TestStoreContract runs the contract every store meets against bbolt,
// then checks the file's invariants after each run.
func TestStoreContract(t *testing.T) {
	storetest.Test(t, func(t *testing.T) storetest.Store {
		db, _ := openTest(t)
		t.Cleanup(func() { mustClean(t, db) })
		return db
	})
}
