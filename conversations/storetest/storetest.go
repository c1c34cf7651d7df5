// Package storetest is the contract every implementation of refundbot's
// store interfaces must meet, in the manner of testing/fstest.TestFS: the
// bbolt store runs it from its tests, and so does every test double, so a
// double cannot drift from the real thing. It imports only conversations
// and policy, and drives the money path through the real desk service.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// Store is what the contract exercises: the case and money path of
// conversations' store interfaces, with enough reading to check it.
type Store interface {
	conversations.DeskStore // Case, Decide, Provider, Cases, Unlocks, OpenSimilar
	OpenCases(ctx context.Context) ([]conversations.Case, error)
	UpsertProviders(ctx context.Context, ps []conversations.Provider, at time.Time) error
	RecordUnlocks(ctx context.Context, us []conversations.Unlock) (int, error)
	Unlock(ctx context.Context, providerID, leadID string) (conversations.Unlock, error)
	Wallet(ctx context.Context, providerID string) (conversations.Wallet, error)
	SubmitCase(ctx context.Context, nc conversations.NewCase) (conversations.Case, error)
	DueOutbox(ctx context.Context, now time.Time, limit int) ([]conversations.OutboxMessage, error)
	OutboxSent(ctx context.Context, id uint64, at time.Time, ref string) error
	conversations.InboxStore
	conversations.StepStore
	Session(ctx context.Context, chatID int64) (conversations.Session, bool, error)
}

// The world every test starts from: provider P1 with 1000 coins who
// unlocked four leads, P2 with 50 coins, two approvers and a second
// approver needed over 500 coins.
var (
	t0        = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	approvers = []string{"UA", "UB"}
	coinsOf   = map[string]int64{"L-1": 100, "L-2": 200, "L-3": 300, "L-4": 400}
)

// Test runs the contract against stores made by open, a fresh empty one
// for every subtest.
func Test(t *testing.T, open func(t *testing.T) Store) {
	t.Helper()
	for _, tt := range []struct {
		name string
		fn   func(t *testing.T, r *rig)
	}{
		{"Submit", testSubmit},
		{"ApproveAll", testApproveAll},
		{"ApproveSome", testApproveSome},
		{"Reject", testReject},
		{"AskAndAnswer", testAskAndAnswer},
		{"TwoApprovers", testTwoApprovers},
		{"RefusedChangesNothing", testRefused},
		{"ConcurrentIdenticalClicks", testConcurrentClicks},
		{"ConcurrentTwoApprovers", testConcurrentTwoApprovers},
		{"Replay", testReplay},
		{"WalletNeverNegative", testWalletNeverNegative},
		{"Inbox", testInbox},
		{"OpenSimilar", testOpenSimilar},
		{"InboxHandledOnce", testHandledOnce},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := open(t)
			tt.fn(t, newRig(t, st))
		})
	}
}

// rig is one store with the world seeded and a desk over it.
type rig struct {
	st   Store
	desk *conversations.DeskService
	ctx  context.Context
}

func newRig(t *testing.T, st Store) *rig {
	t.Helper()
	ctx := context.Background()
	r := &rig{st: st, ctx: ctx}
	err := st.UpsertProviders(ctx, []conversations.Provider{
		{ID: "P1", Name: "One", Phone: "+919876543210", Language: policy.LangEnglish, OpeningBalance: 1000},
		{ID: "P2", Name: "Two", Phone: "+919876543211", Language: policy.LangEnglish, OpeningBalance: 50},
	}, t0)
	if err != nil {
		t.Fatalf("UpsertProviders: %v", err)
	}
	var us []conversations.Unlock
	for _, l := range []string{"L-1", "L-2", "L-3", "L-4"} {
		us = append(us, conversations.Unlock{ProviderID: "P1", LeadID: l, Coins: coinsOf[l], UnlockedAt: t0, Category: "plumbing"})
	}
	if n, err := st.RecordUnlocks(ctx, us); err != nil || n != 4 {
		t.Fatalf("RecordUnlocks = %d, %v; want 4 new", n, err)
	}
	pol := policy.Default()
	pol.Approval.SecondApproverOverCoins = 500
	r.desk = conversations.NewDesk(conversations.DeskOptions{Store: st, Policy: pol, Approvers: approvers, SlackChannel: "C-DESK"})
	return r
}

// submit files a case of P1 with leads, with a card and a confirmation
// in the outbox.
func (r *rig) submit(t *testing.T, leads ...string) conversations.Case {
	t.Helper()
	c, err := r.st.SubmitCase(r.ctx, conversations.NewCase{ProviderID: "P1", ChatID: 7, Language: policy.LangEnglish,
		Reason: policy.ReasonInvalidLead, LeadIDs: leads, At: t0.Add(time.Minute), Effects: cardAndConfirmation})
	if err != nil {
		t.Fatalf("SubmitCase(%v): %v", leads, err)
	}
	return c
}

func cardAndConfirmation(c conversations.Case) ([]conversations.OutboxMessage, error) {
	return []conversations.OutboxMessage{
		{Transport: conversations.Slack, Kind: conversations.OutSlackCard, Recipient: "C-DESK", CaseID: c.ID},
		{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, Recipient: "7", CaseID: c.ID,
			Reply: &conversations.Reply{Text: "submitted " + c.ID}},
	}, nil
}

// state is what the contract compares before and after: the case, the
// wallet and the unlocks of P1.
type state struct {
	c       conversations.Case
	wallet  conversations.Wallet
	unlocks map[string]conversations.Unlock
}

func (r *rig) state(t *testing.T, caseID string) state {
	t.Helper()
	var s state
	var err error
	if caseID != "" {
		if s.c, err = r.st.Case(r.ctx, caseID); err != nil {
			t.Fatalf("Case(%s): %v", caseID, err)
		}
	}
	if s.wallet, err = r.st.Wallet(r.ctx, "P1"); err != nil {
		t.Fatalf("Wallet: %v", err)
	}
	s.unlocks = map[string]conversations.Unlock{}
	for l := range coinsOf {
		if s.unlocks[l], err = r.st.Unlock(r.ctx, "P1", l); err != nil {
			t.Fatalf("Unlock(%s): %v", l, err)
		}
	}
	return s
}

// drain returns every pending outbox message, marking each sent.
func (r *rig) drain(t *testing.T) []conversations.OutboxMessage {
	t.Helper()
	var all []conversations.OutboxMessage
	for range 1000 {
		due, err := r.st.DueOutbox(r.ctx, t0.Add(1000*time.Hour), 0)
		if err != nil {
			t.Fatalf("DueOutbox: %v", err)
		}
		if len(due) == 0 {
			return all
		}
		for _, m := range due {
			if err := r.st.OutboxSent(r.ctx, m.ID, t0, "ref"); err != nil {
				t.Fatalf("OutboxSent(%d): %v", m.ID, err)
			}
			all = append(all, m)
		}
	}
	t.Fatal("the outbox never drains")
	return nil
}

// kinds lists "transport/kind/recipient" of msgs, sorted.
func kinds(msgs []conversations.OutboxMessage) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, fmt.Sprintf("%s/%s/%s", m.Transport, m.Kind, m.Recipient))
	}
	slices.Sort(out)
	return out
}

// refunds returns the refund entries of a wallet by key, checking the
// ledger: every balance after an entry is the running sum and never
// negative, and the wallet's balance is the sum of its entries.
func refunds(t *testing.T, w conversations.Wallet) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	var sum int64
	for _, e := range w.Entries {
		sum += e.Coins
		if e.Balance != sum || sum < 0 {
			t.Fatalf("entry %+v: balance %d, running sum %d", e, e.Balance, sum)
		}
		if e.Kind == conversations.EntryRefund {
			if _, dup := out[e.Key]; dup {
				t.Fatalf("refund key %s written twice", e.Key)
			}
			out[e.Key] = e.Coins
		}
	}
	if sum != w.Balance {
		t.Fatalf("wallet balance %d, sum of entries %d", w.Balance, sum)
	}
	return out
}

func testSubmit(t *testing.T, r *rig) {
	c := r.submit(t, "l-1", "L-2", "L-2")
	if c.ID == "" || c.State != policy.StateOpen || len(c.Leads) != 2 || c.Leads[0].LeadID != "L-1" ||
		c.Leads[0].Coins != 100 || c.Leads[1].Decision != policy.LeadPending || c.TotalCoins() != 300 {
		t.Fatalf("submitted case %+v", c)
	}
	if got, _ := r.st.Case(r.ctx, c.ID); got.State != policy.StateOpen || len(got.History) != 1 || got.History[0].By != "P1" {
		t.Fatalf("stored case %+v", got)
	}
	s := r.state(t, "")
	if s.unlocks["L-1"].OpenCase != c.ID || s.unlocks["L-2"].OpenCase != c.ID || s.unlocks["L-3"].OpenCase != "" {
		t.Fatalf("reservations %+v", s.unlocks)
	}
	if got, want := kinds(r.drain(t)), []string{"slack/slack_card/C-DESK", "telegram/tg_reply/7"}; !slices.Equal(got, want) {
		t.Fatalf("outbox of the submit %v, want %v", got, want)
	}
	// A reserved, an unknown and another provider's lead are refused with
	// the lead named, and the refused submit writes nothing.
	for _, tt := range []struct {
		leads []string
		lead  string
		want  error
	}{
		{[]string{"L-3", "L-2"}, "L-2", conversations.ErrLeadReserved},
		{[]string{"L-3", "L-9"}, "L-9", conversations.ErrLeadNotUnlocked},
	} {
		_, err := r.st.SubmitCase(r.ctx, conversations.NewCase{ProviderID: "P1", Reason: policy.ReasonInvalidLead,
			LeadIDs: tt.leads, At: t0, Effects: cardAndConfirmation})
		var le *conversations.LeadError
		if !errors.As(err, &le) || !errors.Is(err, tt.want) || le.LeadID != tt.lead {
			t.Fatalf("submit %v: %v, want a LeadError on %s: %v", tt.leads, err, tt.lead, tt.want)
		}
	}
	if _, err := r.st.SubmitCase(r.ctx, conversations.NewCase{ProviderID: "P2", Reason: policy.ReasonInvalidLead,
		LeadIDs: []string{"L-3"}, At: t0}); !errors.Is(err, conversations.ErrLeadNotUnlocked) {
		t.Fatalf("another provider's lead: %v", err)
	}
	if after := r.state(t, ""); after.unlocks["L-3"].OpenCase != "" || len(r.drain(t)) != 0 {
		t.Fatalf("a refused submit wrote: %+v", after.unlocks["L-3"])
	}
}

func testApproveAll(t *testing.T, r *rig) {
	c := r.submit(t, "L-1", "L-2")
	r.drain(t)
	before := r.state(t, c.ID)
	got, err := r.desk.ApproveAll(r.ctx, c.ID, "UA", t0.Add(time.Hour))
	if err != nil || got.State != policy.StateApproved || got.Credited != 300 {
		t.Fatalf("ApproveAll: %+v %v", got, err)
	}
	after := r.state(t, c.ID)
	if after.c.State != policy.StateApproved || after.c.Credited != 300 || after.c.History[len(after.c.History)-1].By != "UA" {
		t.Fatalf("stored case %+v", after.c)
	}
	if after.wallet.Balance != before.wallet.Balance+300 {
		t.Fatalf("balance %d, want %d", after.wallet.Balance, before.wallet.Balance+300)
	}
	want := map[string]int64{"refund:" + c.ID + ":L-1": 100, "refund:" + c.ID + ":L-2": 200}
	if got := refunds(t, after.wallet); len(got) != 2 || got["refund:"+c.ID+":L-1"] != want["refund:"+c.ID+":L-1"] || got["refund:"+c.ID+":L-2"] != 200 {
		t.Fatalf("refund entries %v, want %v", got, want)
	}
	for _, l := range []string{"L-1", "L-2"} {
		if u := after.unlocks[l]; u.RefundedIn != c.ID || u.OpenCase != "" {
			t.Fatalf("unlock %s after approval: %+v", l, u)
		}
	}
	// The card update, its thread line and the provider's notice are
	// written with the decision.
	msgs := r.drain(t)
	if got, want := kinds(msgs), []string{"slack/slack_card_update/C-DESK", "slack/slack_thread/C-DESK", "telegram/tg_reply/7"}; !slices.Equal(got, want) {
		t.Fatalf("outbox of the approval %v, want %v", got, want)
	}
	// A refunded lead never enters a case again.
	if _, err := r.st.SubmitCase(r.ctx, conversations.NewCase{ProviderID: "P1", Reason: policy.ReasonInvalidLead,
		LeadIDs: []string{"L-1"}, At: t0}); !errors.Is(err, conversations.ErrLeadRefunded) {
		t.Fatalf("refunded lead resubmitted: %v", err)
	}
}

func testApproveSome(t *testing.T, r *rig) {
	c := r.submit(t, "L-1", "L-2")
	before := r.state(t, c.ID)
	if _, err := r.desk.ApproveSome(r.ctx, c.ID, "UA", []string{"L-9"}, "", t0); !errors.Is(err, conversations.ErrInvalid) {
		t.Fatalf("approve a lead not in the case: %v", err)
	}
	got, err := r.desk.ApproveSome(r.ctx, c.ID, "UA", []string{"l-2"}, "only the second", t0.Add(time.Hour))
	if err != nil || got.State != policy.StatePartlyApproved || got.Credited != 200 ||
		got.Leads[0].Decision != policy.LeadRejected || got.Leads[1].Decision != policy.LeadApproved {
		t.Fatalf("ApproveSome: %+v %v", got, err)
	}
	after := r.state(t, c.ID)
	if after.wallet.Balance != before.wallet.Balance+200 || len(refunds(t, after.wallet)) != 1 {
		t.Fatalf("balance %d after partly approving 200 of %d", after.wallet.Balance, before.wallet.Balance)
	}
	if u1, u2 := after.unlocks["L-1"], after.unlocks["L-2"]; u1.OpenCase != "" || u1.RefundedIn != "" || u2.RefundedIn != c.ID {
		t.Fatalf("unlocks %+v %+v", u1, u2)
	}
	// The refused lead is free for a new case.
	r.submit(t, "L-1")
}

func testReject(t *testing.T, r *rig) {
	c := r.submit(t, "L-1", "L-2")
	before := r.state(t, c.ID)
	r.drain(t)
	if _, err := r.desk.Reject(r.ctx, c.ID, "UB", "no_such_reason", "", t0); !errors.Is(err, conversations.ErrInvalid) {
		t.Fatalf("unknown reject reason: %v", err)
	}
	got, err := r.desk.Reject(r.ctx, c.ID, "UB", string(policy.RejectOutsideWindow), "too late", t0.Add(time.Hour))
	if err != nil || got.State != policy.StateRejected || got.RejectReason != string(policy.RejectOutsideWindow) || got.Credited != 0 {
		t.Fatalf("Reject: %+v %v", got, err)
	}
	after := r.state(t, c.ID)
	if after.wallet.Balance != before.wallet.Balance || len(after.wallet.Entries) != len(before.wallet.Entries) {
		t.Fatalf("a rejection moved money: %d → %d", before.wallet.Balance, after.wallet.Balance)
	}
	for _, l := range after.c.Leads {
		if l.Decision != policy.LeadRejected || after.unlocks[l.LeadID].OpenCase != "" {
			t.Fatalf("lead %s after rejection: %+v %+v", l.LeadID, l, after.unlocks[l.LeadID])
		}
	}
	if got, want := kinds(r.drain(t)), []string{"slack/slack_card_update/C-DESK", "slack/slack_thread/C-DESK", "telegram/tg_reply/7"}; !slices.Equal(got, want) {
		t.Fatalf("outbox of the rejection %v, want %v", got, want)
	}
}

func testAskAndAnswer(t *testing.T, r *rig) {
	c := r.submit(t, "L-1")
	r.drain(t)
	got, err := r.desk.Ask(r.ctx, c.ID, "UA", "  A screenshot of the call log?  ", t0.Add(time.Hour))
	if err != nil || got.State != policy.StateWaitingProvider || got.Question != "A screenshot of the call log?" {
		t.Fatalf("Ask: %+v %v", got, err)
	}
	if got, want := kinds(r.drain(t)), []string{"slack/slack_card_update/C-DESK", "slack/slack_thread/C-DESK", "telegram/tg_reply/7"}; !slices.Equal(got, want) {
		t.Fatalf("outbox of the question %v, want %v", got, want)
	}
	// The provider's answer commits with its inbound update's marker.
	in := conversations.Inbound{Source: conversations.Telegram, ID: 501, ChatID: 7, Raw: []byte(`{"update_id":501}`), Received: t0}
	if fresh, err := r.st.SaveInbound(r.ctx, in); err != nil || !fresh {
		t.Fatalf("SaveInbound: %v %v", fresh, err)
	}
	answer := conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateWaitingProvider}, To: policy.StateOpen,
		By: "P1", At: t0.Add(2 * time.Hour), Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: 501},
		AddEvidence: []conversations.Evidence{{Kind: conversations.EvidenceText, Text: "here it is", At: t0}}}
	got, err = r.st.Decide(r.ctx, answer)
	if err != nil || got.State != policy.StateOpen || got.Question != "" || len(got.Evidence) != 1 {
		t.Fatalf("answer: %+v %v", got, err)
	}
	if pending, err := r.st.PendingInbound(r.ctx); err != nil || len(pending) != 0 {
		t.Fatalf("the answer's update is still pending: %v %v", pending, err)
	}
	// The same update handled again is refused as handled; a second
	// answer (another update) to the same question is too late. Neither
	// adds anything.
	if _, err := r.st.Decide(r.ctx, answer); !errors.Is(err, conversations.ErrInboundHandled) {
		t.Fatalf("answer again from the same update: %v, want ErrInboundHandled", err)
	}
	answer.Inbound = &conversations.InboundRef{Source: conversations.Telegram, ID: 502}
	var de *conversations.DecidedError
	if _, err := r.st.Decide(r.ctx, answer); !errors.As(err, &de) || de.By != "P1" {
		t.Fatalf("answer again: %v", err)
	}
	if got, _ := r.st.Case(r.ctx, c.ID); len(got.Evidence) != 1 {
		t.Fatalf("evidence after a repeated answer: %+v", got.Evidence)
	}
}

func testTwoApprovers(t *testing.T, r *rig) {
	c := r.submit(t, "L-2", "L-3", "L-4") // 900 coins: over 500
	before := r.state(t, c.ID)
	r.drain(t)
	got, err := r.desk.ApproveSome(r.ctx, c.ID, "UA", []string{"L-2", "L-3"}, "", t0.Add(time.Hour))
	if err != nil || got.State != policy.StatePendingSecond || got.Credited != 0 || len(got.Approvals) != 1 || got.Approvals[0].By != "UA" {
		t.Fatalf("first approval: %+v %v", got, err)
	}
	if w, _ := r.st.Wallet(r.ctx, "P1"); w.Balance != before.wallet.Balance {
		t.Fatalf("a first approval moved money: %d → %d", before.wallet.Balance, w.Balance)
	}
	if got, want := kinds(r.drain(t)), []string{"slack/slack_card_update/C-DESK", "slack/slack_thread/C-DESK"}; !slices.Equal(got, want) {
		t.Fatalf("outbox of the first approval %v, want %v", got, want)
	}
	// Nobody approves twice, whichever button.
	for _, again := range []func() error{
		func() error { _, err := r.desk.ApproveAll(r.ctx, c.ID, "UA", t0); return err },
		func() error { _, err := r.desk.ApproveSome(r.ctx, c.ID, "UA", []string{"L-2"}, "", t0); return err },
	} {
		if err := again(); !errors.Is(err, conversations.ErrSameApprover) {
			t.Fatalf("same approver again: %v", err)
		}
	}
	// The second approver approves all: only the leads both approved are
	// credited.
	got, err = r.desk.ApproveAll(r.ctx, c.ID, "UB", t0.Add(2*time.Hour))
	if err != nil || got.State != policy.StatePartlyApproved || got.Credited != 500 {
		t.Fatalf("second approval: %+v %v", got, err)
	}
	after := r.state(t, c.ID)
	if after.wallet.Balance != before.wallet.Balance+500 || len(refunds(t, after.wallet)) != 2 || after.unlocks["L-4"].RefundedIn != "" {
		t.Fatalf("after the second approval: balance %d, unlocks %+v", after.wallet.Balance, after.unlocks)
	}
	var de *conversations.DecidedError
	if _, err := r.desk.ApproveAll(r.ctx, c.ID, "UA", t0); !errors.As(err, &de) || de.By != "UB" || de.State != policy.StatePartlyApproved {
		t.Fatalf("approval after the final one: %v", err)
	}
}

func testRefused(t *testing.T, r *rig) {
	c := r.submit(t, "L-1", "L-2")
	before := r.state(t, c.ID)
	r.drain(t)
	calls := []struct {
		name string
		call func() error
		want error
	}{
		{"non-approver approves", func() error { _, err := r.desk.ApproveAll(r.ctx, c.ID, "UX", t0); return err }, conversations.ErrNotApprover},
		{"non-approver rejects", func() error {
			_, err := r.desk.Reject(r.ctx, c.ID, "", string(policy.RejectOther), "", t0)
			return err
		}, conversations.ErrNotApprover},
		{"non-approver asks", func() error { _, err := r.desk.Ask(r.ctx, c.ID, "UX", "why?", t0); return err }, conversations.ErrNotApprover},
		{"unknown case", func() error { _, err := r.desk.ApproveAll(r.ctx, "RF-999", "UA", t0); return err }, conversations.ErrNotFound},
		{"open to expired", func() error {
			_, err := r.st.Decide(r.ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateExpired, By: "system", At: t0})
			return err
		}, conversations.ErrBadTransition},
		{"approved with a lead pending", func() error {
			_, err := r.st.Decide(r.ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
				By: "UA", At: t0, Leads: map[string]policy.LeadDecision{"L-1": policy.LeadApproved}})
			return err
		}, conversations.ErrInvalid},
		{"effects fail", func() error {
			_, err := r.st.Decide(r.ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
				By: "UA", At: t0, Leads: map[string]policy.LeadDecision{"L-1": policy.LeadApproved, "L-2": policy.LeadApproved},
				Effects: func(conversations.Case, int64) ([]conversations.OutboxMessage, error) { return nil, errBoom }})
			return err
		}, errBoom},
	}
	for _, tt := range calls {
		if err := tt.call(); !errors.Is(err, tt.want) {
			t.Fatalf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	after := r.state(t, c.ID)
	if after.c.State != policy.StateOpen || len(after.c.History) != len(before.c.History) || after.wallet.Balance != before.wallet.Balance ||
		len(after.wallet.Entries) != len(before.wallet.Entries) || after.unlocks["L-1"] != before.unlocks["L-1"] {
		t.Fatalf("a refused decision wrote: %+v → %+v", before, after)
	}
	if msgs := r.drain(t); len(msgs) != 0 {
		t.Fatalf("a refused decision wrote outbox records: %v", kinds(msgs))
	}
}

var errBoom = errors.New("effects failed")

// testConcurrentClicks: 50 identical approve clicks at once credit once.
func testConcurrentClicks(t *testing.T, r *rig) {
	c := r.submit(t, "L-1", "L-2")
	before := r.state(t, c.ID)
	r.drain(t)
	errs := clicks(50, func(i int) error {
		_, err := r.desk.ApproveAll(r.ctx, c.ID, "UA", t0.Add(time.Duration(i)*time.Second))
		return err
	})
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, conversations.ErrAlreadyDecided):
			t.Fatalf("a click failed otherwise: %v", err)
		}
	}
	after := r.state(t, c.ID)
	if ok != 1 || after.c.Credited != 300 || after.wallet.Balance != before.wallet.Balance+300 || len(refunds(t, after.wallet)) != 2 {
		t.Fatalf("50 clicks: %d took effect, credited %d, balance %d → %d", ok, after.c.Credited, before.wallet.Balance, after.wallet.Balance)
	}
	if n := len(r.drain(t)); n != 3 {
		t.Fatalf("50 clicks wrote %d outbox records, want the 3 of one decision", n)
	}
}

// testConcurrentTwoApprovers: both approvers click many times at once on a
// case that needs two: one first approval, one second, one credit.
func testConcurrentTwoApprovers(t *testing.T, r *rig) {
	c := r.submit(t, "L-3", "L-4") // 700 coins
	before := r.state(t, c.ID)
	errs := clicks(40, func(i int) error {
		_, err := r.desk.ApproveAll(r.ctx, c.ID, approvers[i%2], t0.Add(time.Duration(i)*time.Second))
		return err
	})
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, conversations.ErrAlreadyDecided) && !errors.Is(err, conversations.ErrSameApprover):
			t.Fatalf("a click failed otherwise: %v", err)
		}
	}
	after := r.state(t, c.ID)
	if ok != 2 || after.c.State != policy.StateApproved || after.c.Credited != 700 || len(after.c.Approvals) != 1 ||
		after.wallet.Balance != before.wallet.Balance+700 || len(refunds(t, after.wallet)) != 2 {
		t.Fatalf("two approvers: %d took effect, case %+v, balance %d → %d", ok, after.c, before.wallet.Balance, after.wallet.Balance)
	}
	first, last := after.c.Approvals[0].By, after.c.History[len(after.c.History)-1].By
	if first == last {
		t.Fatalf("first and second approval both by %s", first)
	}
}

// clicks runs n calls at once and returns their errors.
func clicks(n int, call func(i int) error) []error {
	errs := make([]error, n)
	var start, wg sync.WaitGroup
	start.Add(1)
	for i := range n {
		wg.Go(func() {
			start.Wait()
			errs[i] = call(i)
		})
	}
	start.Done()
	wg.Wait()
	return errs
}

// testReplay: the same decision again, as after a crash or a retried
// request, says who decided and changes nothing.
func testReplay(t *testing.T, r *rig) {
	c := r.submit(t, "L-1")
	d := conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved, By: "UA",
		At: t0.Add(time.Hour), Leads: map[string]policy.LeadDecision{"L-1": policy.LeadApproved}}
	if _, err := r.st.Decide(r.ctx, d); err != nil {
		t.Fatalf("decide: %v", err)
	}
	mid := r.state(t, c.ID)
	r.drain(t)
	for range 3 {
		d.At = d.At.Add(time.Minute)
		_, err := r.st.Decide(r.ctx, d)
		var de *conversations.DecidedError
		if !errors.As(err, &de) || de.By != "UA" || !de.At.Equal(t0.Add(time.Hour)) || de.State != policy.StateApproved {
			t.Fatalf("replay: %v", err)
		}
	}
	if _, err := r.desk.ApproveAll(r.ctx, c.ID, "UB", t0); !errors.Is(err, conversations.ErrAlreadyDecided) {
		t.Fatalf("approve after the decision: %v", err)
	}
	after := r.state(t, c.ID)
	if len(after.wallet.Entries) != len(mid.wallet.Entries) || len(after.c.History) != len(mid.c.History) || len(r.drain(t)) != 0 {
		t.Fatalf("a replay wrote: entries %d → %d, history %d → %d", len(mid.wallet.Entries), len(after.wallet.Entries), len(mid.c.History), len(after.c.History))
	}
}

// testWalletNeverNegative: a debit beyond the balance is refused whole.
func testWalletNeverNegative(t *testing.T, r *rig) {
	_, err := r.st.RecordUnlocks(r.ctx, []conversations.Unlock{
		{ProviderID: "P2", LeadID: "L-20", Coins: 30, UnlockedAt: t0, Category: "x"},
		{ProviderID: "P2", LeadID: "L-21", Coins: 30, UnlockedAt: t0, Category: "x"},
	})
	if !errors.Is(err, conversations.ErrInsufficientFunds) {
		t.Fatalf("debits beyond the balance: %v", err)
	}
	w, err := r.st.Wallet(r.ctx, "P2")
	if err != nil || w.Balance != 50 || len(w.Entries) != 1 {
		t.Fatalf("wallet after a refused debit: %+v %v", w, err)
	}
	if _, err := r.st.Unlock(r.ctx, "P2", "L-20"); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("unlock of a refused batch: %v", err)
	}
	if n, err := r.st.RecordUnlocks(r.ctx, []conversations.Unlock{{ProviderID: "P2", LeadID: "L-20", Coins: 50, UnlockedAt: t0, Category: "x"}}); err != nil || n != 1 {
		t.Fatalf("a debit to exactly zero: %d %v", n, err)
	}
	if w, _ := r.st.Wallet(r.ctx, "P2"); w.Balance != 0 {
		t.Fatalf("balance %d, want 0", w.Balance)
	}
	refunds(t, w)
}

// testInbox: an update is saved once, pending until handled, and a
// duplicate is recognised even after it was handled.
func testInbox(t *testing.T, r *rig) {
	TestInbox(t, r.st)
}

// TestInbox checks the contract of an InboxStore, empty at the start.
func TestInbox(t *testing.T, st conversations.InboxStore) {
	t.Helper()
	ctx := context.Background()
	for _, id := range []int64{12, 10, 11} {
		in := conversations.Inbound{Source: conversations.Telegram, ID: id, ChatID: 7, Raw: []byte(fmt.Sprintf(`{"update_id":%d}`, id)), Received: t0}
		if fresh, err := st.SaveInbound(ctx, in); err != nil || !fresh {
			t.Fatalf("SaveInbound(%d) = %v, %v; want fresh", id, fresh, err)
		}
	}
	if fresh, err := st.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 11, Received: t0}); err != nil || fresh {
		t.Fatalf("SaveInbound of a duplicate = %v, %v", fresh, err)
	}
	pending, err := st.PendingInbound(ctx)
	if err != nil || len(pending) != 3 || pending[0].ID != 10 || pending[2].ID != 12 || string(pending[2].Raw) != `{"update_id":12}` {
		t.Fatalf("PendingInbound = %+v, %v", pending, err)
	}
	for range 2 {
		if err := st.InboundDone(ctx, conversations.Telegram, 10); err != nil {
			t.Fatalf("InboundDone: %v", err)
		}
	}
	if pending, _ := st.PendingInbound(ctx); len(pending) != 2 || pending[0].ID != 11 {
		t.Fatalf("PendingInbound after one done = %+v", pending)
	}
	if fresh, err := st.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 10, Received: t0}); err != nil || fresh {
		t.Fatalf("SaveInbound of a handled update = %v, %v", fresh, err)
	}
	if first, err := st.MarkOnce(ctx, "event:E1", t0); err != nil || !first {
		t.Fatalf("MarkOnce = %v, %v", first, err)
	}
	if first, err := st.MarkOnce(ctx, "event:E1", t0); err != nil || first {
		t.Fatalf("MarkOnce again = %v, %v", first, err)
	}
}

// testHandledOnce: a step, a submission or a decision that names an
// inbound update already marked handled commits nothing and fails with
// ErrInboundHandled, so that a second handling of one update (the
// replicated webhook's leader queueing an update whose handler was just
// finishing, a new leader replaying what the old one was committing)
// sends nothing twice. Of concurrent steps naming one update, one
// commits. An update never saved is not refused.
func testHandledOnce(t *testing.T, r *rig) {
	ctx := r.ctx
	for id := int64(601); id <= 605; id++ {
		in := conversations.Inbound{Source: conversations.Telegram, ID: id, ChatID: 7, Raw: []byte(fmt.Sprintf(`{"update_id":%d}`, id)), Received: t0}
		if fresh, err := r.st.SaveInbound(ctx, in); err != nil || !fresh {
			t.Fatalf("SaveInbound(%d) = %v, %v", id, fresh, err)
		}
	}
	ref := func(id int64) *conversations.InboundRef {
		return &conversations.InboundRef{Source: conversations.Telegram, ID: id}
	}
	step := func(id int64, text string) conversations.Step {
		return conversations.Step{Session: conversations.Session{ChatID: 7, Step: text, Nonce: uint32(id), UpdatedAt: t0},
			Outbox:  []conversations.OutboxMessage{{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, Recipient: "7", Reply: &conversations.Reply{Text: text}}},
			Inbound: ref(id)}
	}
	replies := func() []string {
		var out []string
		for _, m := range r.drain(t) {
			if m.Reply != nil {
				out = append(out, m.Reply.Text)
			}
		}
		return out
	}

	// A step, then the same update handled again.
	if err := r.st.SaveStep(ctx, step(601, "first")); err != nil {
		t.Fatalf("SaveStep: %v", err)
	}
	if err := r.st.SaveStep(ctx, step(601, "again")); !errors.Is(err, conversations.ErrInboundHandled) {
		t.Fatalf("SaveStep of a handled update: %v, want ErrInboundHandled", err)
	}
	if got := replies(); !slices.Equal(got, []string{"first"}) {
		t.Fatalf("replies %q, want only the first handling's", got)
	}
	if s, ok, err := r.st.Session(ctx, 7); err != nil || !ok || s.Step != "first" {
		t.Fatalf("session after a second handling: %+v %v %v; want the first's", s, ok, err)
	}

	// Concurrent handlings of one update: one commits.
	errs := clicks(8, func(i int) error { return r.st.SaveStep(ctx, step(602, fmt.Sprint("racer ", i))) })
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, conversations.ErrInboundHandled):
			t.Fatalf("a concurrent handling: %v", err)
		}
	}
	if got := replies(); won != 1 || len(got) != 1 {
		t.Fatalf("%d concurrent handlings committed, sending %q; want one", won, got)
	}

	// A submission naming a handled update opens no case.
	before := r.state(t, "")
	if err := r.st.InboundDone(ctx, conversations.Telegram, 603); err != nil {
		t.Fatal(err)
	}
	_, err := r.st.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", ChatID: 7, Language: policy.LangEnglish,
		Reason: policy.ReasonInvalidLead, LeadIDs: []string{"L-1"}, At: t0.Add(time.Minute), Effects: cardAndConfirmation,
		Inbound: ref(603)})
	if !errors.Is(err, conversations.ErrInboundHandled) {
		t.Fatalf("SubmitCase of a handled update: %v, want ErrInboundHandled", err)
	}
	if cs, err := r.st.Cases(ctx, "P1"); err != nil || len(cs) != 0 {
		t.Fatalf("cases after a refused submission: %d %v", len(cs), err)
	}
	if after := r.state(t, ""); after.unlocks["L-1"].OpenCase != "" || after.wallet.Balance != before.wallet.Balance {
		t.Fatalf("a refused submission changed the unlock or the wallet: %+v", after.unlocks["L-1"])
	}
	if got := replies(); len(got) != 0 {
		t.Fatalf("a refused submission sent %q", got)
	}

	// A decision naming a handled update (a provider's answer) changes
	// nothing.
	c := r.submit(t, "L-1")
	if _, err := r.desk.Ask(ctx, c.ID, "UA", "Which call?", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r.drain(t)
	if err := r.st.InboundDone(ctx, conversations.Telegram, 604); err != nil {
		t.Fatal(err)
	}
	answer := conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateWaitingProvider}, To: policy.StateOpen,
		By: "P1", At: t0.Add(2 * time.Hour), Inbound: ref(604),
		AddEvidence: []conversations.Evidence{{Kind: conversations.EvidenceText, Text: "that one", At: t0}},
		Effects: func(c conversations.Case, _ int64) ([]conversations.OutboxMessage, error) {
			return []conversations.OutboxMessage{{Transport: conversations.Slack, Kind: conversations.OutSlackThread, Recipient: "C-DESK", CaseID: c.ID}}, nil
		}}
	if _, err := r.st.Decide(ctx, answer); !errors.Is(err, conversations.ErrInboundHandled) {
		t.Fatalf("Decide of a handled update: %v, want ErrInboundHandled", err)
	}
	if got, _ := r.st.Case(ctx, c.ID); got.State != policy.StateWaitingProvider || len(got.Evidence) != 0 {
		t.Fatalf("case after a refused answer: %s with %d evidence", got.State, len(got.Evidence))
	}
	if got := r.drain(t); len(got) != 0 {
		t.Fatalf("a refused answer sent %s", kinds(got))
	}
	answer.Inbound = ref(605)
	if got, err := r.st.Decide(ctx, answer); err != nil || got.State != policy.StateOpen {
		t.Fatalf("the answer's own update: %+v %v", got, err)
	}

	// An update never saved is not refused, and is handled then.
	if err := r.st.SaveStep(ctx, step(699, "unsaved")); err != nil {
		t.Fatalf("SaveStep naming an update never saved: %v", err)
	}
	if err := r.st.SaveStep(ctx, step(699, "unsaved again")); !errors.Is(err, conversations.ErrInboundHandled) {
		t.Fatalf("SaveStep naming it again: %v, want ErrInboundHandled", err)
	}
	if pending, err := r.st.PendingInbound(ctx); err != nil || len(pending) != 0 {
		t.Fatalf("pending at the end: %+v %v", pending, err)
	}
}
