package etcdstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// TestMemberKilledMidRun kills one of the three etcd members (SIGKILL)
// while cases are filed and approved from several goroutines, each
// retrying what failed as an agent clicks again, then restarts it: every
// case is credited exactly once, the ledger adds up, and the restarted
// member serves the same data.
func TestMemberKilledMidRun(t *testing.T) {
	s := openClean(t)
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	const n = 24
	must(t, s.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Name: "One", Phone: "+919876543210", OpeningBalance: 10000}}, t0))
	var us []conversations.Unlock
	for i := range n {
		us = append(us, conversations.Unlock{ProviderID: "P1", LeadID: fmt.Sprintf("L-%d", i), Coins: int64(10 + i), UnlockedAt: t0, Category: "x"})
	}
	if _, err := s.RecordUnlocks(ctx, us); err != nil {
		t.Fatal(err)
	}
	desk := conversations.NewDesk(conversations.DeskOptions{Store: s, Policy: policy.Default(), Approvers: []string{"UA", "UB"}, SlackChannel: "C"})

	victim := shared.Members[0]
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- fileAndApprove(ctx, s, desk, i, t0)
		}()
		if i == n/3 {
			victim.Kill()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	bin, _ := etcdtest.Binary()
	must(t, victim.Start(bin, "existing"))

	w, err := s.Wallet(ctx, "P1")
	must(t, err)
	var refunded, debited int64
	keys := map[string]bool{}
	for _, e := range w.Entries {
		if keys[e.Key] {
			t.Fatalf("key %s twice in the ledger", e.Key)
		}
		keys[e.Key] = true
		switch e.Kind {
		case conversations.EntryRefund:
			refunded += e.Coins
		case conversations.EntryUnlock:
			debited -= e.Coins
		}
	}
	var want int64
	for i := range n {
		want += int64(10 + i)
	}
	if refunded != want || debited != want || w.Balance != 10000 {
		t.Fatalf("refunded %d, debited %d, balance %d; want %d, %d, 10000", refunded, debited, w.Balance, want, want)
	}
	cases, err := s.Cases(ctx, "P1")
	must(t, err)
	if len(cases) != n {
		t.Fatalf("%d cases, want %d (a retried submit must not file twice: leads are reserved)", len(cases), n)
	}
	// The restarted member catches up and answers alone.
	one, err := etcdtest.Client(victim.URL)
	must(t, err)
	defer one.Close()
	back, err := Open(ctx, Options{Client: one, Prefix: s.prefix, NormalizePhone: s.phone})
	must(t, err)
	deadline := time.Now().Add(10 * time.Second)
	for {
		w2, err := back.Wallet(ctx, "P1")
		if err == nil && len(w2.Entries) == len(w.Entries) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("restarted member: %d entries, %v; want %d", len(w2.Entries), err, len(w.Entries))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fileAndApprove files a one-lead case for lead L-i and approves it,
// trying again after any error that is not a refusal, as a provider
// taps Submit again and an agent clicks Approve again.
func fileAndApprove(ctx context.Context, s *Store, desk *conversations.DeskService, i int, t0 time.Time) error {
	lead := fmt.Sprintf("L-%d", i)
	deadline := time.Now().Add(30 * time.Second)
	var id string
	for id == "" {
		c, err := s.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", Reason: policy.ReasonInvalidLead, LeadIDs: []string{lead}, At: t0})
		switch {
		case err == nil:
			id = c.ID
		case errors.Is(err, conversations.ErrInvalid) || errors.Is(err, conversations.ErrNotFound):
			// A submit that committed but whose answer was lost: the lead
			// is reserved by it now; find the case.
			u, uerr := s.Unlock(ctx, "P1", lead)
			if uerr == nil && u.OpenCase != "" {
				id = u.OpenCase
			}
		}
		if id == "" && time.Now().After(deadline) {
			return fmt.Errorf("submit %s: %v", lead, err)
		}
	}
	for {
		_, err := desk.ApproveAll(ctx, id, "UA", t0.Add(time.Hour))
		if err == nil || errors.Is(err, conversations.ErrAlreadyDecided) {
			c, cerr := s.Case(ctx, id)
			if cerr == nil && c.State.Final() {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("approve %s: %v", id, err)
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
