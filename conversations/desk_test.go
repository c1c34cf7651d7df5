package conversations

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/rockerstop/refundbot/policy"
)

// submitted files an invalid-lead case for leads and returns the chat.
func submitted(t *testing.T, st *memStore, leads string) *chat {
	t.Helper()
	c := newChat(t, st)
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonInvalidLead))
	c.press(actOption, "wrong_number")
	c.text(leads)
	c.press(actLeadDone, "")
	c.press(actEvDone, "")
	c.press(actSubmit, "")
	return c
}

func newDeskFor(st *memStore) *DeskService {
	return NewDesk(DeskOptions{Store: st, Policy: policy.Default(), Approvers: []string{"UA", "UB"},
		Clock: &fakeClock{t: t0}, SlackChannel: "C-DESK"})
}

func outboxOf(st *memStore, kind OutboxKind) []OutboxMessage {
	out, _ := st.snapshot()
	var r []OutboxMessage
	for _, m := range out {
		if m.Kind == kind {
			r = append(r, m)
		}
	}
	return r
}

func refunds(st *memStore) (n int, coins int64) {
	w, _ := st.Wallet(context.Background(), "P-1")
	for _, e := range w.Entries {
		if e.Kind == EntryRefund {
			n++
			coins += e.Coins
		}
	}
	return n, coins
}

func TestDeskNonApproverRefused(t *testing.T) {
	st := world(t)
	submitted(t, st, "L-1")
	d := newDeskFor(st)
	ctx := context.Background()
	if _, err := d.ApproveAll(ctx, "RF-1", "UX", t0); !errors.Is(err, ErrNotApprover) {
		t.Errorf("approve: %v", err)
	}
	if _, err := d.Reject(ctx, "RF-1", "UX", "other", "", t0); !errors.Is(err, ErrNotApprover) {
		t.Errorf("reject: %v", err)
	}
	if _, err := d.Ask(ctx, "RF-1", "", "why?", t0); !errors.Is(err, ErrNotApprover) {
		t.Errorf("ask: %v", err)
	}
	if c, _ := st.Case(ctx, "RF-1"); c.State != policy.StateOpen {
		t.Errorf("state = %s", c.State)
	}
}

func TestDeskApproveTellsBalance(t *testing.T) {
	st := world(t)
	c := submitted(t, st, "L-1 L-2")
	d := newDeskFor(st)
	cs, err := d.ApproveAll(context.Background(), "RF-1", "UA", t0)
	must(t, err)
	if cs.State != policy.StateApproved || cs.Credited != 350 {
		t.Fatalf("case = %+v", cs)
	}
	_, rs := c.do(Event{Kind: EvCommand, Command: "help"})
	_ = rs
	tg := outboxOf(st, OutTelegramReply)
	last := tg[len(tg)-2] // the outcome comes before /help's reply
	if !strings.Contains(last.Reply.Text, "<b>350 coins</b> are back in your wallet. Your balance is now 1400 coins") {
		t.Errorf("outcome = %q", last.Reply.Text)
	}
	th := outboxOf(st, OutSlackThread)
	if !strings.Contains(th[len(th)-1].Text, "Approved by <@UA>") || !strings.Contains(th[len(th)-1].Text, "350 coins credited") {
		t.Errorf("thread = %q", th[len(th)-1].Text)
	}
	if _, err := d.ApproveAll(context.Background(), "RF-1", "UB", t0); !errors.Is(err, ErrAlreadyDecided) {
		t.Errorf("second approve: %v", err)
	}
	if n, coins := refunds(st); n != 2 || coins != 350 {
		t.Errorf("refunds %d, %d coins", n, coins)
	}
}

func TestDeskTwoApprovers(t *testing.T) {
	st := world(t)
	submitted(t, st, "L-2 L-3") // 550 coins, over the 500 threshold
	d := newDeskFor(st)
	ctx := context.Background()
	cs, err := d.ApproveAll(ctx, "RF-1", "UA", t0)
	must(t, err)
	if cs.State != policy.StatePendingSecond || len(cs.Approvals) != 1 {
		t.Fatalf("after first: %+v", cs)
	}
	th := outboxOf(st, OutSlackThread)
	if !strings.Contains(th[len(th)-1].Text, "1 of 2 approvals") {
		t.Errorf("thread = %q", th[len(th)-1].Text)
	}
	if _, err := d.ApproveAll(ctx, "RF-1", "UA", t0); !errors.Is(err, ErrSameApprover) {
		t.Errorf("same approver twice: %v", err)
	}
	if n, _ := refunds(st); n != 0 {
		t.Fatalf("credited before the second approval")
	}
	cs, err = d.ApproveSome(ctx, "RF-1", "UB", []string{"L-3"}, "L-2 was reached", t0)
	must(t, err)
	if cs.State != policy.StatePartlyApproved || cs.Credited != 300 {
		t.Errorf("after second: %+v", cs)
	}
	tg := outboxOf(st, OutTelegramReply)
	text := tg[len(tg)-1].Reply.Text
	for _, want := range []string{"partly approved", "<b>300 coins</b>", "for L-3", "Not refunded: L-2", "L-2 was reached"} {
		if !strings.Contains(text, want) {
			t.Errorf("outcome lacks %q: %q", want, text)
		}
	}
}

// A case over the threshold can be approved while its question is still
// unanswered, as a smaller one can: the card offers the buttons.
func TestDeskTwoApproversWhileWaitingForProvider(t *testing.T) {
	st := world(t)
	submitted(t, st, "L-2 L-3") // 550 coins, over the 500 threshold
	d := newDeskFor(st)
	ctx := context.Background()
	_, err := d.Ask(ctx, "RF-1", "UA", "When did you call?", t0)
	must(t, err)
	cs, err := d.ApproveAll(ctx, "RF-1", "UA", t0)
	must(t, err)
	if cs.State != policy.StatePendingSecond || len(cs.Approvals) != 1 || cs.Question != "" {
		t.Fatalf("first approval while waiting: %+v", cs)
	}
	cs, err = d.ApproveAll(ctx, "RF-1", "UB", t0)
	must(t, err)
	if cs.State != policy.StateApproved || cs.Credited != 550 {
		t.Errorf("after second: %+v", cs)
	}
}

func TestDeskRejectAndAskAnswerRoundTrip(t *testing.T) {
	st := world(t)
	c := submitted(t, st, "L-1")
	d := newDeskFor(st)
	ctx := context.Background()
	if _, err := d.Ask(ctx, "RF-1", "UA", "Which <number> did you call?", t0); err != nil {
		t.Fatal(err)
	}
	tg := outboxOf(st, OutTelegramReply)
	if q := tg[len(tg)-1].Reply.Text; !strings.Contains(q, "<i>Which &lt;number&gt; did you call?</i>") {
		t.Errorf("question = %q", q)
	}
	c.seen = len(func() []OutboxMessage { o, _ := st.snapshot(); return o }())
	wantIn(t, c.text("I called +91 98 <b>twice</b>"), "Send answer")
	c.do(photo("ee55"))
	_, rs := c.press(actAnsSend, "")
	wantIn(t, rs, "your answer was added to case <b>RF-1</b>")
	cs, _ := st.Case(ctx, "RF-1")
	if cs.State != policy.StateOpen || len(cs.Evidence) != 2 {
		t.Errorf("case after answer = %+v", cs)
	}
	// The answer is one thread message: the photo with the text as its
	// initial comment, escaped.
	ups := outboxOf(st, OutSlackUpload)
	if len(ups) != 1 || len(ups[0].Files) != 1 || ups[0].Files[0].SHA256 != "ee55" {
		t.Fatalf("uploads = %+v", ups)
	}
	if a := ups[0].Text; !strings.Contains(a, "I called +91 98 &lt;b&gt;twice&lt;/b&gt;") {
		t.Errorf("answer in thread not escaped: %q", a)
	}
	if s := c.session(); s.Step != stepIdle || s.AnsweringCase != "" {
		t.Errorf("session = %+v", s)
	}
	if _, err := d.Reject(ctx, "RF-1", "UB", "client_reached", "We reached the client <today>", t0); err != nil {
		t.Fatal(err)
	}
	tg = outboxOf(st, OutTelegramReply)
	text := tg[len(tg)-1].Reply.Text
	for _, want := range []string{"was not approved", "you were able to reach the client", "&lt;today&gt;", "support@rockerstop.com"} {
		if !strings.Contains(text, want) {
			t.Errorf("rejection lacks %q: %q", want, text)
		}
	}
	if u, _ := st.Unlock(ctx, "P-1", "L-1"); u.OpenCase != "" {
		t.Errorf("lead still reserved after rejection")
	}
}

func TestDeskExpire(t *testing.T) {
	st := world(t)
	submitted(t, st, "L-1")
	d := newDeskFor(st)
	ctx := context.Background()
	if _, err := d.Expire(ctx, "RF-1"); !errors.Is(err, ErrAlreadyDecided) {
		t.Errorf("expire of an open case: %v", err)
	}
	must(t, func() error { _, err := d.Ask(ctx, "RF-1", "UA", "Proof?", t0); return err }())
	cs, err := d.Expire(ctx, "RF-1")
	must(t, err)
	tg := outboxOf(st, OutTelegramReply)
	if cs.State != policy.StateExpired || !strings.Contains(tg[len(tg)-1].Reply.Text, "within 72 hours") {
		t.Errorf("expired %s, told %q", cs.State, tg[len(tg)-1].Reply.Text)
	}
}

func TestDeskConcurrentApprovalsCreditOnce(t *testing.T) {
	for _, leads := range []string{"L-1 L-2", "L-2 L-3"} { // one and two approvers
		st := world(t)
		submitted(t, st, leads)
		d := newDeskFor(st)
		var wg sync.WaitGroup
		for i := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				agent := []string{"UA", "UB"}[i%2]
				_, _ = d.ApproveAll(context.Background(), "RF-1", agent, t0)
			}()
		}
		wg.Wait()
		cs, _ := st.Case(context.Background(), "RF-1")
		n, coins := refunds(st)
		if cs.State != policy.StateApproved || n != 2 || coins != cs.TotalCoins() {
			t.Errorf("%s: state %s, %d refunds of %d coins", leads, cs.State, n, coins)
		}
	}
}

func TestCaseView(t *testing.T) {
	st := world(t)
	submitted(t, st, "L-1")
	v, err := newDeskFor(st).CaseView(context.Background(), "RF-1")
	must(t, err)
	if v.MaskedPhone != "+91 ••••• ••210" || v.Provider.ID != "P-1" || v.ApprovalsNeeded != 1 || v.Cases30 != 0 || len(v.Findings) == 0 {
		t.Errorf("view = %+v", v)
	}
	// The history of a later case counts the earlier one, not itself.
	submitted(t, st, "L-2")
	v, err = newDeskFor(st).CaseView(context.Background(), "RF-2")
	must(t, err)
	if v.Cases30 != 1 || v.Cases90 != 1 || v.Refunds30 != 0 {
		t.Errorf("RF-2 history: %d/%d cases, %d refunds; want 1/1 and 0", v.Cases30, v.Cases90, v.Refunds30)
	}
}
