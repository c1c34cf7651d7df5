package storage

import (
	"fmt"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations/storetest"
)

// TestDueIndexMatchesDueHeads runs storetest's randomized outbox test
// (the one etcd runs) on bbolt: DueOutbox, read from the due index,
// answers what conversations.DueHeads answers over the test's model of
// the pending messages, through enqueues, sends, covers, attempts,
// retries and failures; and again after the index is rebuilt from
// scratch and the file closed and opened again.
func TestDueIndexMatchesDueHeads(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			db, path := openTest(t)
			storetest.TestDueOutbox(t, db, storetest.DueOptions{Seed: seed,
				Reopen: func(t *testing.T) storetest.DueStore {
					must(t, db.bolt.Update(rebuildOutboxIndex))
					must(t, db.Close())
					db2, err := Open(path, Options{Now: func() time.Time { return t0 }})
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { _ = db2.Close() })
					return db2
				}})
		})
	}
}
