package etcdstore

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

// decideStore is what the workload below needs; both engines have it.
type decideStore interface {
	conversations.DeskStore
	UpsertProviders(ctx context.Context, ps []conversations.Provider, at time.Time) error
	RecordUnlocks(ctx context.Context, us []conversations.Unlock) (int, error)
	SubmitCase(ctx context.Context, nc conversations.NewCase) (conversations.Case, error)
	Wallet(ctx context.Context, providerID string) (conversations.Wallet, error)
}

// workload files and decides a few cases: approved, rejected, partly
// approved and still open.
func workload(t *testing.T, st decideStore, from int) {
	t.Helper()
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	must(t, st.UpsertProviders(ctx, []conversations.Provider{
		{ID: "P1", Name: "One", Phone: "+919876543210", OpeningBalance: 5000},
		{ID: "P2", Name: "Two", Phone: "+919876543211", OpeningBalance: 700}}, t0))
	var us []conversations.Unlock
	for i := from; i < from+8; i++ {
		us = append(us, conversations.Unlock{ProviderID: "P1", LeadID: fmt.Sprintf("L-%d", i), Coins: int64(20 + i), UnlockedAt: t0, Category: "x"})
	}
	_, err := st.RecordUnlocks(ctx, us)
	must(t, err)
	desk := conversations.NewDesk(conversations.DeskOptions{Store: st, Policy: policy.Default(), Approvers: []string{"UA", "UB"}, SlackChannel: "C"})
	file := func(leads ...string) string {
		c, err := st.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", ChatID: 7, Reason: policy.ReasonInvalidLead, LeadIDs: leads, At: t0,
			Effects: func(c conversations.Case) ([]conversations.OutboxMessage, error) {
				return []conversations.OutboxMessage{{Transport: conversations.Slack, Kind: conversations.OutSlackCard, Recipient: "C", CaseID: c.ID}}, nil
			}})
		must(t, err)
		return c.ID
	}
	l := func(i int) string { return fmt.Sprintf("L-%d", from+i) }
	_, err = desk.ApproveAll(ctx, file(l(0), l(1)), "UA", t0.Add(time.Hour))
	must(t, err)
	_, err = desk.Reject(ctx, file(l(2)), "UA", string(policy.RejectOutsideWindow), "too late", t0.Add(time.Hour))
	must(t, err)
	_, err = desk.ApproveSome(ctx, file(l(3), l(4)), "UB", []string{l(3)}, "", t0.Add(time.Hour))
	must(t, err)
	file(l(5))
}

func records(t *testing.T, s *Store) []storage.Record {
	t.Helper()
	var out []storage.Record
	must(t, s.Walk(context.Background(), func(r Record) error {
		out = append(out, storage.Record(r))
		return nil
	}))
	return out
}

// TestVerifyRecords runs storage's invariant checks on the etcd store's
// records: clean after a workload, and a wallet whose balance was changed
// behind the ledger's back is found.
func TestVerifyRecords(t *testing.T) {
	s := openTest(t)
	workload(t, s, 0)
	problems, err := storage.VerifyRecords(context.Background(), records(t, s))
	must(t, err)
	if len(problems) > 0 {
		t.Fatalf("verify: %q", problems)
	}
	_, err = sharedCli.Put(context.Background(), s.k(bWallets, "P1"), `{"balance":1,"entries":9}`)
	must(t, err)
	problems, err = storage.VerifyRecords(context.Background(), records(t, s))
	must(t, err)
	if len(problems) == 0 {
		t.Fatal("verify found nothing wrong with a wallet of balance 1")
	}
}

// TestMigrateFromBolt copies a bbolt file into etcd twice (the second
// copy changes nothing), verifies it, reads the same wallets and cases as
// bbolt, and goes on working there: the next case is the next number and
// the ledger continues.
func TestMigrateFromBolt(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(filepath.Join(t.TempDir(), "src.db"), storage.Options{NoSync: true})
	must(t, err)
	defer db.Close()
	workload(t, db, 0)
	var recs []Record
	must(t, db.Walk(ctx, func(r storage.Record) error {
		recs = append(recs, Record(r))
		return nil
	}))
	s := openTest(t)
	must(t, s.Load(ctx, recs))
	must(t, s.Load(ctx, recs))
	problems, err := storage.VerifyRecords(ctx, records(t, s))
	must(t, err)
	if len(problems) > 0 {
		t.Fatalf("verify after migration: %q", problems)
	}
	if problems, err := s.CheckOutboxIndex(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("the due index after migration: %q, %v", problems, err)
	}
	later := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	db2, err := db.DueOutbox(ctx, later, 0)
	must(t, err)
	se, err := s.DueOutbox(ctx, later, 0)
	must(t, err)
	if len(se) == 0 || storetestSummary(db2) != storetestSummary(se) {
		t.Fatalf("due after migration:\nbbolt %s\netcd  %s", storetestSummary(db2), storetestSummary(se))
	}
	for _, p := range []string{"P1", "P2"} {
		wb, err := db.Wallet(ctx, p)
		must(t, err)
		we, err := s.Wallet(ctx, p)
		must(t, err)
		if !reflect.DeepEqual(wb, we) {
			t.Fatalf("wallet %s: bbolt %+v, etcd %+v", p, wb, we)
		}
	}
	cb, err := db.Cases(ctx, "")
	must(t, err)
	ce, err := s.Cases(ctx, "")
	must(t, err)
	if !reflect.DeepEqual(cb, ce) {
		t.Fatalf("cases differ:\nbbolt %+v\netcd  %+v", cb, ce)
	}
	workload(t, s, 100)
	c, err := s.Case(ctx, "RF-5")
	must(t, err)
	if c.Leads[0].LeadID != "L-100" {
		t.Fatalf("RF-5 holds %+v, want the first case after the migration", c.Leads)
	}
	problems, err = storage.VerifyRecords(ctx, records(t, s))
	must(t, err)
	if len(problems) > 0 {
		t.Fatalf("verify after working on: %q", problems)
	}
}
