package etcdstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// TestLargestCaseFitsOneTxn: the largest case `check` allows on etcd (25
// leads with 10 files, cmd's etcdDecisionOps) is submitted and approved,
// with a session and a handled update and their outbox messages (with
// the due index's keys), each in one transaction within etcd's 128
// operations and 1.5 MiB; a store told of a lower limit refuses with
// ErrTooLarge and writes nothing.
func TestLargestCaseFitsOneTxn(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	must(t, s.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Name: "One", Phone: "+919876543210", OpeningBalance: 5000}}, t0))
	var us []conversations.Unlock
	var leads []string
	for i := range 25 {
		leads = append(leads, fmt.Sprint("L-", i))
		us = append(us, conversations.Unlock{ProviderID: "P1", LeadID: leads[i], Coins: 10, UnlockedAt: t0, Category: "x"})
	}
	_, err := s.RecordUnlocks(ctx, us)
	must(t, err)
	var ev []conversations.Evidence
	for i := range 10 {
		ev = append(ev, conversations.Evidence{Kind: conversations.EvidencePhoto, SHA256: fmt.Sprintf("%064d", i), At: t0})
	}
	session := &conversations.Session{ChatID: 7, Step: "idle", UpdatedAt: t0}
	fresh, err := s.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 1, ChatID: 7, Raw: []byte(`{}`), Received: t0})
	must(t, err)
	if !fresh {
		t.Fatal("update 1 not fresh")
	}
	// The largest Txns seen: writes, compares, bytes.
	var most [3]int
	s.onCommit = func(ops, cmps, bytes int) {
		most = [3]int{max(most[0], ops), max(most[1], cmps), max(most[2], bytes)}
	}
	c, err := s.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", ChatID: 7, Reason: policy.ReasonInvalidLead, LeadIDs: leads, Evidence: ev, At: t0,
		Session: session, Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: 1}, Effects: submitted})
	must(t, err)
	t.Logf("submit of %d leads and %d files: %d writes, %d compares, about %d bytes", len(leads), len(ev), most[0], most[1], most[2])
	submit := most
	// Delivered: the decision's three messages each head an empty lane,
	// the most index writes a decision makes.
	for {
		due, err := s.DueOutbox(ctx, t0, 0)
		must(t, err)
		if len(due) == 0 {
			break
		}
		for _, m := range due {
			must(t, s.OutboxSent(ctx, m.ID, t0, "ref"))
		}
	}
	most = [3]int{}
	approve := conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved, By: "U1", At: t0,
		Leads: map[string]policy.LeadDecision{}, Session: session, Effects: decided}
	for _, l := range leads {
		approve.Leads[l] = policy.LeadApproved
	}

	small, err := Open(ctx, Options{Client: sharedCli, Prefix: s.prefix, NormalizePhone: s.phone, MaxTxnOps: 40})
	must(t, err)
	if _, err := small.Decide(ctx, approve); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("a decision over MaxTxnOps: %v, want ErrTooLarge", err)
	}
	if got, _ := s.Case(ctx, c.ID); got.State != policy.StateOpen {
		t.Fatalf("the refused decision left %s %s", c.ID, got.State)
	}
	most = [3]int{}
	got, err := s.Decide(ctx, approve)
	must(t, err)
	t.Logf("approval of %d leads with 3 messages: %d writes, %d compares, about %d bytes", len(leads), most[0], most[1], most[2])
	for _, m := range [][3]int{submit, most} {
		if m[0] > 128 || m[1] > 128 || m[2] > 1<<20 {
			t.Fatalf("a Txn of %d writes, %d compares, %d bytes: over etcd's defaults", m[0], m[1], m[2])
		}
	}
	w, err := s.Wallet(ctx, "P1")
	must(t, err)
	if got.State != policy.StateApproved || w.Balance != 5000 {
		t.Fatalf("case %s, balance %d; want approved and 5000", got.State, w.Balance)
	}
}

// submitted are a submit's messages with a long evidence thread: the
// card, two thread messages and the provider's confirmation.
func submitted(c conversations.Case) ([]conversations.OutboxMessage, error) {
	return []conversations.OutboxMessage{
		{Transport: conversations.Slack, Kind: conversations.OutSlackCard, Recipient: "C", CaseID: c.ID},
		{Transport: conversations.Slack, Kind: conversations.OutSlackThread, Recipient: "C", CaseID: c.ID, Text: strings.Repeat("n", 3000)},
		{Transport: conversations.Slack, Kind: conversations.OutSlackThread, Recipient: "C", CaseID: c.ID, Text: strings.Repeat("n", 3000)},
		{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, Recipient: "7", CaseID: c.ID, Reply: &conversations.Reply{Text: "ok"}},
	}, nil
}

// decided are a decision's messages (conversations' outcomeEffects): the
// card update, a thread line and the provider's notice.
func decided(c conversations.Case, _ int64) ([]conversations.OutboxMessage, error) {
	return []conversations.OutboxMessage{
		{Transport: conversations.Slack, Kind: conversations.OutSlackCardUpdate, Recipient: "C", CaseID: c.ID},
		{Transport: conversations.Slack, Kind: conversations.OutSlackThread, Recipient: "C", CaseID: c.ID, Text: "approved"},
		{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, Recipient: "7", CaseID: c.ID, Reply: &conversations.Reply{Text: "approved"}},
	}, nil
}

// TestGroupCommitBytes: concurrent changes whose values add up to more
// than etcd's 1.5 MiB a request are split over several commits; each
// alone fits.
func TestGroupCommitBytes(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	big := strings.Repeat("x", 300<<10)
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.SaveSession(ctx, conversations.Session{ChatID: int64(i), Step: "answer",
				Draft: conversations.Draft{Answers: map[string]string{"story": big}}})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, err)
	}
	all, err := s.Sessions(ctx)
	must(t, err)
	if len(all) != 12 {
		t.Fatalf("%d sessions, want 12", len(all))
	}
}
