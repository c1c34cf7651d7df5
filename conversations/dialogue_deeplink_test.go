package conversations

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/policy"
)

func TestDeepLinkLead(t *testing.T) {
	tests := []struct {
		param, lead string
		ok          bool
	}{
		{"refund_L-2001", "L-2001", true},
		{"refund_l-2001", "L-2001", true},
		{" refund_AB_12 ", "AB_12", true},
		{"refund_", "", false},
		{"refund", "", false},
		{"refund_L-1 L-2", "", false},
		{"refund_L-1,L-2", "", false},
		{"refund_#12", "", false},
		{"refund_L%2D1", "", false},
		{"Refund_L-1", "", false},
		{"hello", "", false},
		{"refund_" + strings.Repeat("A", 32), strings.Repeat("A", 32), true},
		{"refund_" + strings.Repeat("A", 33), "", false}, // longer than a lead ID
		{"refund_" + strings.Repeat("A", 58), "", false}, // longer than 64
	}
	for _, tt := range tests {
		lead, ok := DeepLinkLead(tt.param)
		if lead != tt.lead || ok != tt.ok {
			t.Errorf("DeepLinkLead(%q) = %q, %v; want %q, %v", tt.param, lead, ok, tt.lead, tt.ok)
		}
	}
	if p, ok := DeepLinkParam("L-2001"); !ok || p != "refund_L-2001" {
		t.Errorf("DeepLinkParam(L-2001) = %q, %v", p, ok)
	}
	if _, ok := DeepLinkParam("L 1"); ok {
		t.Error("DeepLinkParam accepted a lead ID with a space")
	}
}

// effort counts, from the first event on, the provider's actions and the
// bot's new messages (edits in place are not new messages).
type effort struct{ actions, messages int }

func (e *effort) count(rs []Reply) {
	e.actions++
	for _, r := range rs {
		if r.EditMessageID == 0 {
			e.messages++
		}
	}
}

// A linked provider arriving by deep link files a one-lead, one-screenshot
// invalid-lead case in five actions; the lead is checked at once.
func TestDeepLinkLinkedFilesInFiveActions(t *testing.T) {
	st := world(t)
	c := newChat(t, st)
	c.link()
	var e effort
	_, rs := c.do(Event{Kind: EvCommand, Command: "start", Args: "refund_l-1"})
	e.count(rs)
	wantIn(t, rs, "Lead <b>L-1</b> added: 100 coins", "Why do you want a refund")
	_, rs = c.press(actReason, string(policy.ReasonInvalidLead))
	e.count(rs)
	_, rs = c.press(actOption, "wrong_number")
	e.count(rs)
	wantIn(t, rs, "Leads in this request: 1, total <b>100 coins</b>", "Now send a screenshot")
	_, rs = c.do(photo("ee55"))
	e.count(rs)
	wantIn(t, rs, "Got it: 1", "Your refund request", "• L-1: 100 coins", "Evidence: 1")
	_, rs = c.press(actSubmit, "")
	e.count(rs)
	wantIn(t, rs, "Your case <b>RF-1</b> is submitted")
	if e.actions > 5 || e.messages > 6 {
		t.Errorf("deep link path: %d actions, %d new messages; want at most 5 and 6", e.actions, e.messages)
	}
	cs, err := st.Case(context.Background(), "RF-1")
	must(t, err)
	if len(cs.Leads) != 1 || cs.Leads[0].LeadID != "L-1" || len(cs.Evidence) != 1 || cs.Reason != policy.ReasonInvalidLead {
		t.Errorf("case = %+v", cs)
	}
}

// From /refund, the recent leads are buttons: six actions in all.
func TestRefundWithLeadButtonsInSixActions(t *testing.T) {
	st := world(t)
	c := newChat(t, st)
	c.link()
	var e effort
	e.count(c.command("refund"))
	_, rs := c.press(actReason, string(policy.ReasonInvalidLead))
	e.count(rs)
	_, rs = c.press(actOption, "wrong_number")
	e.count(rs)
	// Newest first; refunded, reserved, someone else's and old leads are not offered.
	var offered []string
	for _, row := range rs[len(rs)-1].Buttons {
		for _, b := range row {
			if len(b.Data) > MaxCallbackData {
				t.Errorf("button %q: data %d bytes", b.Text, len(b.Data))
			}
			if cb, _ := ParseCallback(b.Data); cb.Action == actPick {
				offered = append(offered, cb.Arg)
			}
		}
	}
	if want := []string{"L-NEW", "L-1", "L-2", "L-3"}; !slices.Equal(offered, want) {
		t.Errorf("lead buttons %v, want %v", offered, want)
	}
	wantIn(t, rs, "tap one of your recent leads")
	_, rs = c.press(actPick, "L-2")
	e.count(rs)
	wantIn(t, rs, "Lead <b>L-2</b> added: 250 coins", "Leads in this request: 1")
	if rs[0].EditMessageID == 0 {
		t.Error("a lead button should edit its message in place")
	}
	_, rs = c.do(photo("ff66"))
	e.count(rs)
	_, rs = c.press(actSubmit, "")
	e.count(rs)
	wantIn(t, rs, "RF-1</b> is submitted")
	if e.actions > 6 || e.messages > 6 {
		t.Errorf("/refund path: %d actions, %d new messages; want at most 6 and 6", e.actions, e.messages)
	}
}

// A lead button toggles; a forged one for someone else's lead is checked
// on the server and refused like a typed ID.
func TestLeadButtonToggleAndForgery(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonInvalidLead))
	c.press(actOption, "wrong_number")
	c.press(actPick, "L-1")
	_, rs := c.press(actPick, "L-1")
	wantIn(t, rs, "Lead <b>L-1</b> removed")
	if d := c.session().Draft; len(d.LeadIDs) != 0 {
		t.Errorf("after removing: %v", d.LeadIDs)
	}
	s := c.session()
	for _, lead := range []string{"L-9", "L-REF"} {
		data, _ := Callback{Nonce: s.Nonce, Action: actPick, Arg: lead}.Encode()
		_, rs = c.do(Event{Kind: EvCallback, Data: data, CallbackID: "x", MessageID: 7})
		s = c.session()
		if len(s.Draft.LeadIDs) != 0 {
			t.Errorf("forged button for %s added it: %v", lead, s.Draft.LeadIDs)
		}
	}
	wantIn(t, rs, "already refunded in case RF-77")
}

// An unlinked provider arriving by deep link links with the contact button
// and goes on with the same lead.
func TestDeepLinkUnlinkedLinksThenContinues(t *testing.T) {
	c := newChat(t, world(t))
	rs := c.command("start")
	_ = rs
	_, rs = c.do(Event{Kind: EvCommand, Command: "start", Args: "refund_L-3"})
	wantIn(t, rs, "Namaste", "lead <b>L-3</b>")
	if !rs[len(rs)-1].RequestContact {
		t.Error("no contact button")
	}
	if s := c.session(); s.PendingLead != "L-3" {
		t.Errorf("pending lead = %q", s.PendingLead)
	}
	_, rs = c.do(Event{Kind: EvContact, Contact: &Contact{Phone: "+919876543210", UserID: c.id}})
	wantIn(t, rs, "now linked", "Lead <b>L-3</b> added: 300 coins", "Why do you want a refund")
	s := c.session()
	if s.PendingLead != "" || s.Step != stepReason || !slices.Equal(s.Draft.LeadIDs, []string{"L-3"}) {
		t.Errorf("session after link = %+v", s)
	}
	c.press(actReason, string(policy.ReasonInvalidLead))
	_, rs = c.press(actOption, "duplicate")
	wantIn(t, rs, "Leads in this request: 1, total <b>300 coins</b>")
}

// A lead that cannot be refunded gets the exact reason and the menu, and
// no draft; a malformed parameter is a plain /start.
func TestDeepLinkRefusedAndMalformed(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	for lead, want := range map[string]string{
		"L-REF": "already refunded in case RF-77",
		"L-9":   "was not unlocked with your account",
		"L-OLD": "outside the refund window",
		"L-404": "can’t find lead <b>L-404</b>",
	} {
		_, rs := c.do(Event{Kind: EvCommand, Command: "start", Args: "refund_" + lead})
		wantIn(t, rs, want, "Ask for a refund")
		if s := c.session(); s.Step != stepIdle || len(s.Draft.LeadIDs) != 0 {
			t.Errorf("%s: session = %+v", lead, s)
		}
	}
	plain := c.command("start")
	for _, args := range []string{"refund_", "refund_L 1", "promo_2026", strings.Repeat("x", 80)} {
		_, rs := c.do(Event{Kind: EvCommand, Command: "start", Args: args})
		if len(rs) != 1 || rs[0].Text != plain[0].Text {
			t.Errorf("/start %q: %s; want the plain /start", args, joined(rs))
		}
	}
}

// A lead taken from a deep link before the reason is checked again once
// the reason is known: a non-responsive claim must wait the minimum time.
func TestDeepLinkLeadRecheckedForTheReason(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	_, rs := c.do(Event{Kind: EvCommand, Command: "start", Args: "refund_L-NEW"})
	wantIn(t, rs, "Lead <b>L-NEW</b> added: 90 coins")
	c.press(actReason, string(policy.ReasonNonResponsive))
	for _, sc := range scripts() {
		if sc.reason == policy.ReasonNonResponsive {
			sc.answer(c)
		}
	}
	s := c.session()
	if s.Step != stepLeads || len(s.Draft.LeadIDs) != 0 {
		t.Fatalf("after the answers: step %s, leads %v", s.Step, s.Draft.LeadIDs)
	}
	wantIn(t, c.last, "Lead <b>L-NEW</b> was unlocked less than 48 hours ago", "Send the ID of the lead")
}

// Edit > Evidence keeps what is there, with a remove button for each piece.
func TestEditEvidenceAddsAndRemoves(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonInvalidLead))
	c.press(actOption, "wrong_number")
	c.press(actPick, "L-1")
	c.do(photo("p1"))
	c.text("The number is switched off")
	c.press(actEdit, "")
	_, rs := c.press(actEditPart, "evidence")
	var removes []string
	for _, row := range rs[0].Buttons {
		for _, b := range row {
			if cb, _ := ParseCallback(b.Data); cb.Action == actEvRemove {
				removes = append(removes, b.Text)
			}
		}
	}
	if len(removes) != 2 || removes[0] != "🗑 Remove 1. p1.jpg" || removes[1] != "🗑 Remove 2. “The number is swit…" {
		t.Errorf("remove buttons %q", removes)
	}
	res, _ := c.press(actEvRemove, "0")
	if res.CallbackText != "Item 1 removed from your evidence." {
		t.Errorf("toast %q", res.CallbackText)
	}
	c.do(photo("p2"))
	if ev := c.session().Draft.Evidence; len(ev) != 2 || ev[0].Kind != EvidenceText || ev[1].SHA256 != "p2" {
		t.Errorf("evidence after edit: %+v", ev)
	}
	_, rs = c.press(actSubmit, "")
	wantIn(t, rs, "RF-1</b> is submitted")
}
