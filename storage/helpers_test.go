package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

var t0 = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)

// openTest opens a fresh database file in t.TempDir and closes it at the end.
func openTest(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "refundbot.db")
	db, err := Open(path, Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db, path
}

// reopenWithoutIndex makes db a database from before an index (its bucket
// and its built marker dropped), closes it and opens path again, closed at
// the end of the test: the open must build the index.
func reopenWithoutIndex(t testing.TB, db *DB, path string, bucket, marker []byte) *DB {
	t.Helper()
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucket); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Delete(marker)
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db2.Close() })
	return db2
}

// mustClean fails the test when Verify finds a problem.
func mustClean(t testing.TB, db *DB) {
	t.Helper()
	problems, err := db.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error("verify:", p)
	}
	if len(problems) > 0 {
		t.FailNow()
	}
}

// seed creates providers P1..Pn (phones +9198765000i, opening balance 1000)
// and unlocks of leads L<i>-<j> (100 coins each) for each.
func seed(t testing.TB, db *DB, providers, leads int) {
	t.Helper()
	ctx := context.Background()
	var ps []conversations.Provider
	var us []conversations.Unlock
	for i := 1; i <= providers; i++ {
		id := pid(i)
		ps = append(ps, conversations.Provider{ID: id, Name: "Provider " + id, Phone: phoneOf(i), OpeningBalance: 100 * int64(leads) * 2})
		for j := 1; j <= leads; j++ {
			us = append(us, conversations.Unlock{ProviderID: id, LeadID: leadOf(i, j), Coins: 100, UnlockedAt: t0, Category: "plumbing"})
		}
	}
	if err := db.UpsertProviders(ctx, ps, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordUnlocks(ctx, us); err != nil {
		t.Fatal(err)
	}
}

func pid(i int) string { return "P" + itoa(i) }

func phoneOf(i int) string { return "+9198765" + pad5(i) }

func leadOf(i, j int) string { return "l" + itoa(i) + "-" + itoa(j) }

func itoa(i int) string { return strconv.Itoa(i) }

func pad5(i int) string { return fmt.Sprintf("%05d", i) }

// rawPut writes bytes straight into a bucket, bypassing every rule: the
// test-only way to corrupt a store.
func (db *DB) rawPut(t testing.TB, bucket []byte, key, val []byte) {
	t.Helper()
	if err := db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, val) }); err != nil {
		t.Fatal(err)
	}
}
