package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

func submit(t testing.TB, db *DB, provider string, leads ...string) conversations.Case {
	t.Helper()
	c, err := db.SubmitCase(context.Background(), conversations.NewCase{ProviderID: provider, ChatID: 7,
		Reason: policy.ReasonInvalidLead, LeadIDs: leads, At: t0})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSubmitCaseRules(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	seed(t, db, 2, 3)
	var effectsSaw conversations.Case
	c, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", ChatID: 7, Reason: policy.ReasonNonResponsive,
		LeadIDs: []string{"l1-1", "L1-2", "l1-1"}, At: t0,
		Effects: func(c conversations.Case) ([]conversations.OutboxMessage, error) {
			effectsSaw = c
			return []conversations.OutboxMessage{{Transport: conversations.Slack, Kind: conversations.OutSlackCard, Recipient: "C1", CaseID: c.ID}}, nil
		},
		Session: &conversations.Session{ChatID: 7, Step: "submitted"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "RF-1" || len(c.Leads) != 2 || c.State != policy.StateOpen || effectsSaw.ID != "RF-1" ||
		len(c.History) != 1 || c.History[0].By != "P1" || c.History[0].To != policy.StateOpen {
		t.Fatalf("case: %+v", c)
	}
	if s, ok, _ := db.Session(ctx, 7); !ok || s.Step != "submitted" {
		t.Fatalf("session not saved with the case: %+v", s)
	}
	if due, _ := db.DueOutbox(ctx, t0, 10); len(due) != 1 || due[0].CaseID != "RF-1" {
		t.Fatalf("outbox: %+v", due)
	}
	for _, tc := range []struct {
		provider string
		leads    []string
		want     error
		caseID   string
	}{
		{"P1", []string{"L1-3", "L1-2"}, conversations.ErrLeadReserved, "RF-1"},
		{"P1", []string{"L2-1"}, conversations.ErrLeadNotUnlocked, ""},
		{"P1", []string{"nope"}, conversations.ErrLeadNotUnlocked, ""},
		{"P9", []string{"L1-3"}, conversations.ErrNotFound, ""},
	} {
		_, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: tc.provider, Reason: policy.ReasonInvalidLead, LeadIDs: tc.leads, At: t0})
		var le *conversations.LeadError
		if !errors.Is(err, tc.want) || (tc.caseID != "" && (!errors.As(err, &le) || le.CaseID != tc.caseID)) {
			t.Errorf("submit %v: %v, want %v (%s)", tc.leads, err, tc.want, tc.caseID)
		}
	}
	// The failed submit of L1-3 reserved nothing.
	if u, _ := db.Unlock(ctx, "P1", "L1-3"); u.OpenCase != "" {
		t.Fatalf("L1-3 reserved by a failed submit: %+v", u)
	}
	// Effects failing rolls back the whole submit.
	_, err = db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", Reason: policy.ReasonInvalidLead, LeadIDs: []string{"L1-3"}, At: t0,
		Effects: func(conversations.Case) ([]conversations.OutboxMessage, error) {
			return nil, errors.New("render failed")
		}})
	if err == nil {
		t.Fatal("submit with failing effects succeeded")
	}
	if c2 := submit(t, db, "P1", "L1-3"); c2.ID != "RF-2" {
		t.Fatalf("sequence not rolled back: %s", c2.ID)
	}
	mustClean(t, db)
}

func TestDecideFlows(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	seed(t, db, 1, 4)
	before, _ := db.Wallet(ctx, "P1")
	c := submit(t, db, "P1", "L1-1", "L1-2")

	// Ask, then answer: waiting_provider → open, question kept then cleared.
	c, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateWaitingProvider, By: "U1", At: t0.Add(time.Minute), Question: "Screenshot?"})
	if err != nil || c.Question != "Screenshot?" {
		t.Fatalf("ask: %+v %v", c, err)
	}
	c, err = db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateWaitingProvider},
		To: policy.StateOpen, By: "P1", At: t0.Add(2 * time.Minute),
		AddEvidence: []conversations.Evidence{{Kind: conversations.EvidenceText, Text: "here", At: t0}}})
	if err != nil || c.Question != "" || len(c.Evidence) != 1 {
		t.Fatalf("answer: %+v %v", c, err)
	}
	// Bad moves change nothing.
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateExpired, By: "U1", At: t0}); !errors.Is(err, conversations.ErrBadTransition) {
		t.Fatalf("open → expired: %v", err)
	}
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateApproved, By: "U1", At: t0, Leads: map[string]policy.LeadDecision{"l1-1": policy.LeadApproved}}); !errors.Is(err, conversations.ErrInvalid) {
		t.Fatalf("approved with a pending lead: %v", err)
	}
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateRejected, By: "U9", At: t0, Authority: &conversations.Authority{Approvers: []string{"U1"}}}); !errors.Is(err, conversations.ErrNotApprover) {
		t.Fatalf("not an approver: %v", err)
	}
	// Partly approve: L1-1 approved, L1-2 refused by default.
	var effBalance int64
	c, err = db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StatePartlyApproved, By: "U2", At: t0.Add(time.Hour), Note: "one ok",
		Leads: map[string]policy.LeadDecision{"l1-1": policy.LeadApproved},
		Effects: func(c conversations.Case, bal int64) ([]conversations.OutboxMessage, error) {
			effBalance = bal
			return []conversations.OutboxMessage{{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, Recipient: "7", CaseID: c.ID}}, nil
		}})
	if err != nil || c.State != policy.StatePartlyApproved || c.Credited != 100 || c.Leads[1].Decision != policy.LeadRejected {
		t.Fatalf("partly approve: %+v %v", c, err)
	}
	if effBalance != before.Balance+100 {
		t.Fatalf("effects saw balance %d, want %d", effBalance, before.Balance+100)
	}
	// A repeat is refused with who and when.
	_, err = db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateApproved, By: "U3", At: t0.Add(2 * time.Hour)})
	var de *conversations.DecidedError
	if !errors.As(err, &de) || de.By != "U2" || !de.At.Equal(t0.Add(time.Hour)) || de.State != policy.StatePartlyApproved {
		t.Fatalf("repeat: %v", err)
	}
	u1, _ := db.Unlock(ctx, "P1", "L1-1")
	u2, _ := db.Unlock(ctx, "P1", "L1-2")
	if u1.RefundedIn != c.ID || u1.OpenCase != "" || u2.RefundedIn != "" || u2.OpenCase != "" {
		t.Fatalf("unlocks: %+v %+v", u1, u2)
	}
	// L1-1 cannot be refunded again; L1-2 can go into a new case.
	if _, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", Reason: policy.ReasonInvalidLead, LeadIDs: []string{"L1-1"}, At: t0}); !errors.Is(err, conversations.ErrLeadRefunded) {
		t.Fatalf("refunded lead resubmitted: %v", err)
	}
	c2 := submit(t, db, "P1", "L1-2", "L1-3")
	// Two approvers: the first approval goes to pending_second without money.
	c2, err = db.Decide(ctx, conversations.Decision{CaseID: c2.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StatePendingSecond,
		By: "U1", At: t0, Approval: &conversations.Approval{By: "U1", At: t0, Leads: []string{"l1-2", "l1-3"}}})
	if err != nil || c2.Credited != 0 || len(c2.Approvals) != 1 || c2.Approvals[0].Leads[0] != "L1-2" {
		t.Fatalf("first approval: %+v %v", c2, err)
	}
	c2, err = db.Decide(ctx, conversations.Decision{CaseID: c2.ID, Expect: []policy.State{policy.StatePendingSecond}, To: policy.StateApproved,
		By: "U2", At: t0, Leads: map[string]policy.LeadDecision{"L1-2": policy.LeadApproved, "L1-3": policy.LeadApproved}})
	if err != nil || c2.Credited != 200 {
		t.Fatalf("second approval: %+v %v", c2, err)
	}
	w, _ := db.Wallet(ctx, "P1")
	if w.Balance != before.Balance+300 {
		t.Fatalf("balance %d, want %d", w.Balance, before.Balance+300)
	}
	last := w.Entries[len(w.Entries)-1]
	if last.Kind != conversations.EntryRefund || last.Key != "refund:RF-2:L1-3" || last.Ref != "RF-2" {
		t.Fatalf("last entry %+v", last)
	}
	// Reject releases the leads without money.
	c3 := submit(t, db, "P1", "L1-4")
	c3, err = db.Decide(ctx, conversations.Decision{CaseID: c3.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateRejected,
		By: "U1", At: t0, RejectReason: "outside_window"})
	if err != nil || c3.Leads[0].Decision != policy.LeadRejected || c3.RejectReason != "outside_window" {
		t.Fatalf("reject: %+v %v", c3, err)
	}
	if open, _ := db.OpenCases(ctx); len(open) != 0 {
		t.Fatalf("open cases: %+v", open)
	}
	if all, _ := db.Cases(ctx, "P1"); len(all) != 3 || all[0].ID != "RF-3" || all[2].ID != "RF-1" {
		t.Fatalf("cases newest first: %v", caseIDs(all))
	}
	must(t, db.SetCard(ctx, "RF-1", "C1", "1.2"))
	if c, _ := db.Case(ctx, "rf-1"); c.CardTS != "1.2" {
		t.Fatalf("card: %+v", c)
	}
	mustClean(t, db)
}

func caseIDs(cs []conversations.Case) []string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}
