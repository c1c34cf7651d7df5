package conversations

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/policy"
)

func TestLinking(t *testing.T) {
	tests := []struct {
		name     string
		contact  Contact
		linked   bool
		wantText string
	}{
		{"own contact", Contact{Phone: "+919876543210", UserID: chatAsha}, true, "Thank you, Asha &lt;Plumbing&gt;!"},
		{"own contact without plus", Contact{Phone: "919876543210", UserID: chatAsha}, true, "is now linked"},
		{"forwarded", Contact{Phone: "+919876543210", UserID: chatAsha, Forwarded: true}, false, "forwarded contact cannot be used"},
		{"someone else's", Contact{Phone: "+919812345678", UserID: userRavi}, false, "someone else"},
		{"no user on contact", Contact{Phone: "+919876543210"}, false, "someone else"},
		{"unknown number", Contact{Phone: "+911111111111", UserID: chatAsha}, false, "not registered on Rockerstop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := world(t)
			c := newChat(t, st)
			welcome := c.command("start")
			if len(welcome) != 1 || !welcome[0].RequestContact || welcome[0].ContactLabel == "" {
				t.Fatalf("welcome has no contact button: %+v", welcome)
			}
			ct := tt.contact
			_, rs := c.do(Event{Kind: EvContact, Contact: &ct})
			wantIn(t, rs, tt.wantText)
			p, _ := st.Provider(context.Background(), "P-1")
			if got := p.TelegramUserID == chatAsha; got != tt.linked {
				t.Errorf("linked = %v, want %v", got, tt.linked)
			}
			if !tt.linked && (len(rs) != 1 || !rs[0].RequestContact) {
				t.Errorf("refusal should show the contact button again: %+v", rs)
			}
			if tt.linked && !rs[0].RemoveKeyboard {
				t.Errorf("linking should remove the contact keyboard")
			}
		})
	}
}

func TestRelinkTellsBothAccounts(t *testing.T) {
	st := world(t)
	old := newChat(t, st)
	old.link()
	c := newChat(t, st)
	c.id = 7007
	c.command("start")
	_, rs := c.do(Event{Kind: EvContact, Contact: &Contact{Phone: "+919876543210", UserID: 7007}})
	wantIn(t, rs, "linked to another Telegram account before")
	out, _ := st.snapshot()
	last := out[len(out)-1]
	if last.Recipient != "5001" || !strings.Contains(last.Reply.Text, "no longer receives") {
		t.Errorf("old account not told: %+v", last)
	}
	// The old account is now unlinked and asked to link.
	rs = old.command("refund")
	wantIn(t, rs, "link your Rockerstop account first")
}

func TestUnlinkedCommandsAskToLink(t *testing.T) {
	c := newChat(t, world(t))
	rs := c.command("refund")
	wantIn(t, rs, "link your Rockerstop account first")
	if !rs[0].RequestContact {
		t.Error("no contact button")
	}
	wantIn(t, c.command("policy"), "How coin refunds work", "30 days")
}

// reasonScript answers a reason's questions and evidence on the way to
// the summary.
type reasonScript struct {
	reason   policy.ReasonCode
	answer   func(c *chat)
	evidence func(c *chat)
	answers  map[string]string
}

func scripts() []reasonScript {
	return []reasonScript{
		{policy.ReasonInvalidLead, func(c *chat) { c.press(actOption, "wrong_number") }, func(c *chat) { c.do(photo("aa11")) },
			map[string]string{policy.QWhat: "wrong_number"}},
		{policy.ReasonNonResponsive, func(c *chat) { c.press(actOption, "calls"); c.text("3"); c.text("२") },
			func(c *chat) { c.do(photo("bb22")) },
			map[string]string{policy.QChannel: "calls", policy.QAttempts: "3", policy.QDays: "2"}},
		{policy.ReasonMistakenPosting, func(c *chat) { c.press(actOption, "no"); c.text("Posted twice by the client") },
			func(*chat) {}, map[string]string{policy.QEngaged: "no", policy.QDetails: "Posted twice by the client"}},
		{policy.ReasonPhoneUnavailable, func(c *chat) { c.press(actOption, "missing") }, func(*chat) {},
			map[string]string{policy.QProblem: "missing"}},
		{policy.ReasonTechnicalIssue, func(c *chat) { c.press(actOption, "app_error") },
			func(c *chat) { c.text("The app crashed at 10:00 when I opened the lead") },
			map[string]string{policy.QIssue: "app_error"}},
	}
}

func TestHappyPathEveryReason(t *testing.T) {
	for _, sc := range scripts() {
		t.Run(string(sc.reason), func(t *testing.T) {
			st := world(t)
			c := newChat(t, st)
			c.link()
			c.command("refund")
			c.press(actReason, string(sc.reason))
			sc.answer(c)
			if s := c.session(); s.Step != stepLeads {
				t.Fatalf("after answers step = %q, want leads; replies %s", s.Step, joined(c.last))
			}
			wantIn(t, c.text("L-1, l-2"), "Lead <b>L-1</b> added: 100 coins", "Lead <b>L-2</b> added: 250 coins", "total <b>350 coins</b>")
			c.press(actLeadDone, "")
			sc.evidence(c)
			c.press(actEvDone, "")
			if s := c.session(); s.Step != stepSummary {
				t.Fatalf("step = %q, want summary; replies %s", s.Step, joined(c.last))
			}
			_, rs := c.press(actSubmit, "")
			wantIn(t, rs, "Your case <b>RF-1</b> is submitted")
			if rs[0].EditMessageID == 0 {
				t.Error("confirmation should edit the summary in place")
			}
			cs, err := st.Case(context.Background(), "RF-1")
			must(t, err)
			if cs.Reason != sc.reason || !reflect.DeepEqual(cs.Answers, sc.answers) || len(cs.Leads) != 2 || cs.TotalCoins() != 350 {
				t.Errorf("case = %+v", cs)
			}
			out, _ := st.snapshot()
			// The channel gets two messages: the card and one thread
			// message carrying every file and every note.
			var card, thread, uploaded int
			var threadText string
			for _, m := range out {
				switch m.Kind {
				case OutSlackCard:
					if m.Recipient == "C-DESK" && m.CaseID == "RF-1" {
						card++
					}
				case OutSlackUpload, OutSlackThread:
					thread++
					uploaded += len(m.Files)
					threadText += m.Text
				}
			}
			files := 0
			for _, e := range cs.Evidence {
				if e.Kind != EvidenceText {
					files++
				} else if !strings.Contains(threadText, EscapeMrkdwn(e.Text)) {
					t.Errorf("note %q missing from the thread message %q", e.Text, threadText)
				}
			}
			if want := min(len(cs.Evidence), 1); card != 1 || thread != want || uploaded != files {
				t.Errorf("cards %d thread messages %d files %d, want 1, %d and %d", card, thread, uploaded, want, files)
			}
			if s := c.session(); s.Step != stepIdle || len(s.Draft.LeadIDs) != 0 {
				t.Errorf("session after submit = %+v", s)
			}
		})
	}
}

func TestLeadRefusals(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonNonResponsive))
	c.press(actOption, "both")
	c.text("4")
	c.text("3")
	rs := c.text("L-9 L-OLD\nL-REF, L-RES; L-NOPE L-NEW #l-1 bad!id l-1")
	wantIn(t, rs,
		"Lead <b>L-9</b> was not unlocked with your account",
		"Lead <b>L-OLD</b> is outside the refund window",
		"closed on 28 Feb 2026, 12:00 UTC",
		"already refunded in case RF-77",
		"already in your open case RF-78",
		"can’t find lead <b>L-NOPE</b>",
		"you can ask for this refund from <b>12 Mar 2026, 11:00 UTC</b>",
		"Lead <b>L-1</b> added: 100 coins",
		"does not look like a lead ID",
	)
	if got := c.session().Draft.LeadIDs; !reflect.DeepEqual(got, []string{"L-1"}) {
		t.Errorf("draft leads = %v", got)
	}
	wantIn(t, c.text("L-1"), "already in this request")
}

func TestTooManyLeads(t *testing.T) {
	st := world(t)
	c := newChat(t, st)
	c.eng.o.Policy.MaxLeadsPerCase = 2
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonPhoneUnavailable))
	c.press(actOption, "missing")
	rs := c.text("L-1 L-2 L-3")
	wantIn(t, rs, "at most 2 leads")
	if got := c.session().Draft.LeadIDs; len(got) != 2 {
		t.Errorf("leads = %v", got)
	}
}

func TestIneligibleAnswersEndTheFlow(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonMistakenPosting))
	_, rs := c.press(actOption, "yes")
	wantIn(t, rs, "cannot be refunded as a mistaken posting", "<b>you have not engaged with</b>")
	if s := c.session(); s.Step != stepIdle || s.Draft.Reason != "" {
		t.Errorf("session = %+v", s)
	}
	c.command("refund")
	c.press(actReason, string(policy.ReasonNonResponsive))
	c.press(actOption, "calls")
	wantIn(t, c.text("2"), "at least <b>3 attempts over 2 days</b>. You made 2")
}

func TestStaleAndForgedButtonsChangeNothing(t *testing.T) {
	st := world(t)
	c := newChat(t, st)
	c.link()
	c.command("refund")
	old := c.last
	c.press(actReason, string(policy.ReasonInvalidLead))
	before := c.session()
	outBefore, stepsBefore := st.snapshot()
	c.last = old // a button of the earlier message
	for _, data := range []string{"", "zz:r:invalid_lead", "garbage", strings.Repeat("x", 80)} {
		var res Result
		if data == "" {
			res, _ = c.press(actReason, string(policy.ReasonTechnicalIssue))
		} else {
			res, _ = c.do(Event{Kind: EvCallback, Data: data, CallbackID: "cb", MessageID: 1})
		}
		if !strings.Contains(res.CallbackText, "This step has passed") {
			t.Errorf("data %q: callback text %q", data, res.CallbackText)
		}
	}
	outAfter, stepsAfter := st.snapshot()
	if !reflect.DeepEqual(c.session(), before) || len(outAfter) != len(outBefore) || stepsAfter != stepsBefore {
		t.Errorf("a stale button changed something")
	}
}

func TestLongTextAndStickerChangeNothing(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonTechnicalIssue))
	c.press(actOption, "other")
	c.text("L-1")
	c.press(actLeadDone, "")
	before := c.session()
	wantIn(t, c.text(strings.Repeat("a", 10000)), "too long (10000 characters)", "under 2000")
	wantIn(t, func() []Reply { _, r := c.do(Event{Kind: EvUnsupported, Text: "sticker"}); return r }(), "Stickers can’t be used")
	wantIn(t, func() []Reply { _, r := c.do(Event{Kind: EvFile, FileError: FileTooBig}); return r }(), "at most 10 MB")
	if after := c.session(); !reflect.DeepEqual(after.Draft, before.Draft) || after.Step != before.Step || after.Nonce != before.Nonce {
		t.Errorf("session changed:\n%+v\n%+v", before, after)
	}
	// Required evidence: technical issue needs a text.
	c.do(photo("cc33"))
	_, rs := c.press(actEvDone, "")
	wantIn(t, rs, "please write what happened and when")
	if c.session().Step != stepEvidence {
		t.Error("summary reached without the required evidence")
	}
}

func TestEditLeadsOnly(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonInvalidLead))
	c.press(actOption, "duplicate")
	c.text("L-1")
	c.press(actLeadDone, "")
	c.do(photo("dd44"))
	c.press(actEvDone, "")
	before := c.session().Draft
	c.press(actEdit, "")
	c.press(actEditPart, "leads")
	c.text("L-2 L-3")
	_, rs := c.press(actLeadDone, "")
	wantIn(t, rs, "<b>Leads (2)</b>", "• L-2: 250 coins", "Total: <b>550 coins</b>")
	d := c.session().Draft
	if !reflect.DeepEqual(d.LeadIDs, []string{"L-2", "L-3"}) || !reflect.DeepEqual(d.Answers, before.Answers) ||
		!reflect.DeepEqual(d.Evidence, before.Evidence) || c.session().Step != stepSummary {
		t.Errorf("edit changed more than the leads: %+v", d)
	}
}

// A photo sent before the evidence step keeps the flow: the bot says again
// what the step wants, not the idle "tap /refund" with the main menu.
func TestPhotoBeforeEvidenceStepRepromptsTheStep(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	_, rs := c.do(photo("aa"))
	wantIn(t, rs, "Choose the reason")
	c.press(actReason, string(policy.ReasonInvalidLead))
	c.press(actOption, "wrong_number")
	_, rs = c.do(photo("bb"))
	wantIn(t, rs, "Send the ID of the lead")
	for _, r := range rs {
		if strings.Contains(r.Text, "/refund to ask") {
			t.Errorf("idle answer inside the flow: %q", r.Text)
		}
	}
	if s := c.session(); s.Step != stepLeads || s.Draft.Reason != policy.ReasonInvalidLead || len(s.Draft.Evidence) != 0 {
		t.Errorf("session = %+v", s)
	}
}
