package storage

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

func TestSecondOpenFailsLocked(t *testing.T) {
	_, path := openTest(t)
	_, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(err, conversations.ErrLocked) || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second open: %v", err)
	}
}

func TestSchemaMismatch(t *testing.T) {
	db, path := openTest(t)
	db.rawPut(t, bMeta, keySchema, u64(SchemaVersion+1))
	must(t, db.Close())
	if _, err := Open(path, Options{}); !errors.Is(err, conversations.ErrSchema) {
		t.Fatalf("open with another schema: %v", err)
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db, 2, 2)
	must(t, db.LinkTelegram(ctx, "P2", 99, t0))
	c := submit(t, db, "P1", "L1-1", "L1-2")
	_, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved, By: "U1", At: t0,
		Leads: map[string]policy.LeadDecision{"L1-1": policy.LeadApproved, "L1-2": policy.LeadApproved}})
	must(t, err)
	open := submit(t, db, "P2", "L2-1")
	must(t, db.SaveSession(ctx, conversations.Session{ChatID: -100, Step: "lead_ids", Nonce: 7}))
	must(t, db.Enqueue(ctx, tg("A", "hello")))
	_, err = db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 1})
	must(t, err)
	must(t, db.InboundDone(ctx, conversations.Telegram, 1))
	_, err = db.MarkOnce(ctx, "k", t0)
	must(t, err)
	w1, _ := db.Wallet(ctx, "P1")
	must(t, db.Close())

	db, err = Open(path, Options{})
	must(t, err)
	defer db.Close()
	if w, _ := db.Wallet(ctx, "P1"); w.Balance != w1.Balance || len(w.Entries) != len(w1.Entries) {
		t.Fatalf("wallet %+v, want %+v", w, w1)
	}
	if p, err := db.ProviderByTelegram(ctx, 99); err != nil || p.ID != "P2" {
		t.Fatalf("link lost: %v", err)
	}
	if oc, _ := db.OpenCases(ctx); len(oc) != 1 || oc[0].ID != open.ID {
		t.Fatalf("open cases %v", caseIDs(oc))
	}
	if s, ok, _ := db.Session(ctx, -100); !ok || s.Nonce != 7 {
		t.Fatalf("session %+v", s)
	}
	if due, _ := db.DueOutbox(ctx, t0, 0); len(due) != 1 || due[0].Text != "hello" {
		t.Fatalf("outbox %v", texts(due))
	}
	if fresh, _ := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 1}); fresh {
		t.Fatal("inbox marker lost")
	}
	if first, _ := db.MarkOnce(ctx, "k", t0); first {
		t.Fatal("mark lost")
	}
	// Sequences continue: the next case is RF-3.
	if c := submit(t, db, "P2", "L2-2"); c.ID != "RF-3" {
		t.Fatalf("next case %s", c.ID)
	}
	mustClean(t, db)
}

func TestBackupOpensAndVerifies(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	seed(t, db, 3, 3)
	c := submit(t, db, "P3", "L3-1")
	_, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved, By: "U1", At: t0,
		Leads: map[string]policy.LeadDecision{"L3-1": policy.LeadApproved}})
	must(t, err)
	out := filepath.Join(t.TempDir(), "backup.db")
	must(t, db.Backup(ctx, out))
	// The source stays writable and the backup is a separate file.
	submit(t, db, "P3", "L3-2")
	b, err := Open(out, Options{})
	must(t, err)
	defer b.Close()
	mustClean(t, b)
	if w, _ := b.Wallet(ctx, "P3"); w.Balance != 600-300+100 {
		t.Fatalf("backup wallet %d", w.Balance)
	}
	if all, _ := b.Cases(ctx, ""); len(all) != 1 {
		t.Fatalf("backup has %d cases", len(all))
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp*")); len(matches) != 0 {
		t.Fatalf("temp files left: %v", matches)
	}
}

func TestVerifyDetectsCorruption(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		corrupt func(t *testing.T, db *DB)
		want    string
	}{
		{"balance", func(t *testing.T, db *DB) {
			db.rawPut(t, bWallets, []byte("P1"), []byte(`{"balance":9999,"entries":5}`))
		}, "wallet P1"},
		{"phone index", func(t *testing.T, db *DB) { db.rawPut(t, bPhones, []byte("+919876500001"), []byte("P2")) }, "phone index"},
		{"lost refund mark", func(t *testing.T, db *DB) {
			u, _ := db.Unlock(ctx, "P1", "L1-1")
			u.RefundedIn = ""
			must(t, db.bolt.Update(func(tx *bolt.Tx) error { return putUnlock(tx, unlockRec(u)) }))
		}, "refund mark"},
		{"lost reservation", func(t *testing.T, db *DB) {
			u, _ := db.Unlock(ctx, "P1", "L1-2")
			u.OpenCase = ""
			must(t, db.bolt.Update(func(tx *bolt.Tx) error { return putUnlock(tx, unlockRec(u)) }))
		}, "not reserved"},
		{"key index naming another entry", func(t *testing.T, db *DB) {
			w, err := db.Wallet(ctx, "P1")
			must(t, err)
			db.rawPut(t, bEntryKeys, join("P1", []byte("adjust:bogus")), u64(w.Entries[0].Seq))
		}, "whose key is"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openTest(t)
			seed(t, db, 2, 2)
			c := submit(t, db, "P1", "L1-1")
			_, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved, By: "U1", At: t0,
				Leads: map[string]policy.LeadDecision{"L1-1": policy.LeadApproved}})
			must(t, err)
			submit(t, db, "P1", "L1-2")
			mustClean(t, db)
			tc.corrupt(t, db)
			problems, err := db.Verify(ctx)
			must(t, err)
			if !strings.Contains(strings.Join(problems, "\n"), tc.want) {
				t.Fatalf("problems %q, want one mentioning %q", problems, tc.want)
			}
		})
	}
}
