package conversations

import (
	"context"
	"testing"

	"github.com/rockerstop/refundbot/policy"
)

// /status lists the open case with what it waits for and a Withdraw
// button; Yes withdraws it (leads free, card updated, a thread line, the
// provider told); the button of a case an agent decided is refused.
func TestStatusAndWithdraw(t *testing.T) {
	st := world(t)
	c := newChat(t, st)
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonInvalidLead))
	c.press(actOption, "wrong_number")
	c.press(actPick, "L-1")
	c.do(photo("ab"))
	c.press(actSubmit, "")
	rs := c.command("status")
	wantIn(t, rs, "Open requests (1)", "<b>RF-1</b>", "waiting for our team")
	_, rs = c.press(actWithdraw, "RF-1")
	wantIn(t, rs, "Withdraw case <b>RF-1</b> (leads L-1, 100 coins)?")
	if rs[0].EditMessageID == 0 {
		t.Error("the confirmation should replace the /status message")
	}
	_, rs = c.press(actWithdrawYes, "RF-1")
	wantIn(t, rs, "Case <b>RF-1</b> is withdrawn")
	cs, err := st.Case(context.Background(), "RF-1")
	must(t, err)
	if cs.State != policy.StateWithdrawn {
		t.Fatalf("state %s", cs.State)
	}
	if u, _ := st.Unlock(context.Background(), "P-1", "L-1"); u.OpenCase != "" {
		t.Errorf("L-1 still reserved by %s", u.OpenCase)
	}
	out, _ := st.snapshot()
	var update, line bool
	for _, m := range out {
		update = update || m.Kind == OutSlackCardUpdate && m.CaseID == "RF-1"
		line = line || m.Kind == OutSlackThread && m.CaseID == "RF-1"
	}
	if !update || !line {
		t.Errorf("card update %v, thread line %v", update, line)
	}
	rs = c.command("status")
	wantIn(t, rs, "Closed in the last 30 days", "<b>RF-1</b> · 10 Mar 2026 · withdrawn · 0 coins back")
	// The old button again: the case can no longer be withdrawn.
	data, _ := Callback{Action: actWithdrawYes, Arg: "RF-1"}.Encode()
	_, rs = c.do(Event{Kind: EvCallback, Data: data, CallbackID: "x", MessageID: 3})
	wantIn(t, rs, "can no longer be withdrawn: it is withdrawn")
	// Someone else's case ID in a forged button changes nothing.
	data, _ = Callback{Action: actWithdrawYes, Arg: "RF-404"}.Encode()
	if res, rs := c.do(Event{Kind: EvCallback, Data: data, CallbackID: "y", MessageID: 3}); len(rs) != 0 || res.CallbackText == "" {
		t.Errorf("forged withdraw: %v %s", res, joined(rs))
	}
}
