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
// with a session and a handled update, each in one transaction within
// etcd's 128 operations; a store told of a lower limit refuses with
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
	c, err := s.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", ChatID: 7, Reason: policy.ReasonInvalidLead, LeadIDs: leads, Evidence: ev, At: t0,
		Session: session, Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: 1}, Effects: cardAndNotice})
	must(t, err)
	approve := conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved, By: "U1", At: t0,
		Leads: map[string]policy.LeadDecision{}, Session: session}
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
	got, err := s.Decide(ctx, approve)
	must(t, err)
	w, err := s.Wallet(ctx, "P1")
	must(t, err)
	if got.State != policy.StateApproved || w.Balance != 5000 {
		t.Fatalf("case %s, balance %d; want approved and 5000", got.State, w.Balance)
	}
}

func cardAndNotice(c conversations.Case) ([]conversations.OutboxMessage, error) {
	return []conversations.OutboxMessage{
		{Transport: conversations.Slack, Kind: conversations.OutSlackCard, Recipient: "C", CaseID: c.ID},
		{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, Recipient: "7", CaseID: c.ID, Reply: &conversations.Reply{Text: "ok"}},
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
