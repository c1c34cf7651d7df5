package etcdstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// TestSaveInboundsFullAnswer: a getUpdates answer of 100 updates (more
// than one etcd transaction holds) is saved whole, and again is all seen.
func TestSaveInboundsFullAnswer(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	var ins []conversations.Inbound
	for i := range 100 {
		ins = append(ins, conversations.Inbound{Source: conversations.Telegram, ID: int64(1000 + i), ChatID: 7, Raw: []byte(`{}`), Received: time.Now()})
	}
	for round, want := range []bool{true, false} {
		fresh, err := s.SaveInbounds(ctx, ins)
		must(t, err)
		for i, f := range fresh {
			if f != want {
				t.Fatalf("round %d: update %d fresh %v, want %v", round, i, f, want)
			}
		}
	}
	pending, err := s.PendingInbound(ctx)
	must(t, err)
	if len(pending) != 100 || pending[0].ID != 1000 || pending[99].ID != 1099 {
		t.Fatalf("%d pending, want 100 in ID order", len(pending))
	}
	for _, in := range pending {
		must(t, s.InboundDone(ctx, in.Source, in.ID))
	}
}

// TestStepRefusedWhenAnotherReplicaHandledItMeanwhile: two replicas (two
// Stores on one prefix) handle the same saved update; the other one's
// handling commits after this one's transaction read the marker and
// before it commits. The compare on the marker fails the commit, the
// transaction runs again on the new state and is refused: the answer is
// not added twice, nothing more is queued.
func TestStepRefusedWhenAnotherReplicaHandledItMeanwhile(t *testing.T) {
	ctx := context.Background()
	a := openClean(t)
	b, err := Open(ctx, Options{Client: a.cli, Prefix: a.prefix, NormalizePhone: a.phone})
	must(t, err)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	must(t, a.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Name: "One", Phone: "+919876543210", OpeningBalance: 1000}}, t0))
	_, err = a.RecordUnlocks(ctx, []conversations.Unlock{{ProviderID: "P1", LeadID: "L-1", Coins: 100, UnlockedAt: t0, Category: "c"}})
	must(t, err)
	c, err := a.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", ChatID: 7, Reason: policy.ReasonInvalidLead, LeadIDs: []string{"L-1"}, At: t0})
	must(t, err)
	_, err = a.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateWaitingProvider,
		By: "U1", At: t0, Question: "Which call?"})
	must(t, err)
	_, err = a.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 77, ChatID: 7, Raw: []byte(`{}`), Received: t0})
	must(t, err)

	runs := 0
	_, err = a.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateWaitingProvider}, To: policy.StateOpen,
		By: "P1", At: t0.Add(time.Hour), Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: 77},
		AddEvidence: []conversations.Evidence{{Kind: conversations.EvidenceText, Text: "that one", At: t0}},
		Effects: func(conversations.Case, int64) ([]conversations.OutboxMessage, error) {
			runs++
			if runs == 1 {
				// The other replica's handling of update 77 commits now.
				if err := b.InboundDone(ctx, conversations.Telegram, 77); err != nil {
					return nil, err
				}
			}
			return []conversations.OutboxMessage{{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, Recipient: "7",
				Reply: &conversations.Reply{Text: "thanks"}}}, nil
		}})
	if !errors.Is(err, conversations.ErrInboundHandled) {
		t.Fatalf("the second handling: %v (effects ran %d times), want ErrInboundHandled", err, runs)
	}
	got, err := a.Case(ctx, c.ID)
	must(t, err)
	if got.State != policy.StateWaitingProvider || len(got.Evidence) != 0 {
		t.Fatalf("case after the refused handling: %s with %d evidence", got.State, len(got.Evidence))
	}
	if depth, _, err := a.OutboxStats(ctx, t0.Add(2*time.Hour)); err != nil || depth != 0 {
		t.Fatalf("outbox after the refused handling: %d %v; want nothing queued", depth, err)
	}
}
