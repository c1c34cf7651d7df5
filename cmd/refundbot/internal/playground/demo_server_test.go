package playground

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// fileRefund links P-1001 with the contact button and files an
// invalid-lead case for L-2001 with the call-log screenshot, all through
// the playground's API, and returns the case card.
func (r *pgRig) fileRefund() slackPost {
	r.t.Helper()
	r.do("/api/telegram/send", map[string]any{"user": r.user, "text": "/start"})
	r.botSaid("share the phone number")
	r.until("the contact button", func(st stateView) bool {
		return len(st.Keyboard) > 0 && st.Keyboard[0][0].Contact
	})
	r.do("/api/telegram/contact", map[string]any{"user": r.user})
	r.botSaid("now linked")
	r.do("/api/telegram/send", map[string]any{"user": r.user, "text": "/refund"})
	r.tap("Invalid lead")
	r.tap("Wrong or fake number")
	r.botSaid("Send the ID of the lead")
	r.do("/api/telegram/send", map[string]any{"user": r.user, "text": "L-2001"})
	r.tap("Done with leads")
	r.botSaid("send your evidence")
	r.do("/api/telegram/photo", map[string]any{"user": r.user, "sample": "call-log.png"})
	r.botSaid("Got it")
	r.tap("Submit")
	r.botSaid("RF-1 is submitted")
	return r.card("RF-1", func(p slackPost) bool { return len(p.Thread) > 0 && len(p.Thread[0].Files) == 1 })
}

// TestPlaygroundRefund is the README's walk-through on the API the page
// uses: a provider links and files a case with a screenshot, a
// non-approver is refused, an approver approves, the provider hears the
// coins and the balance shown grows by the lead's coins.
func TestPlaygroundRefund(t *testing.T) {
	r := newPGRig(t)
	before := r.balance(r.state(), "P-1001")
	card := r.fileRefund()

	st := r.state()
	var photo string
	for _, m := range st.Chat {
		if m.Kind == "photo" {
			photo = m.Photo
		}
	}
	if photo != "/samples/call-log.png" {
		t.Errorf("the provider's photo shows as %q", photo)
	}
	// The screenshot reached Slack byte for byte, and is served as an image.
	want, _ := fs.ReadFile(r.pg.assets, "samples/call-log.png")
	f := card.Thread[0].Files[0]
	res, err := http.Get(r.URL + f.URL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !f.Image || res.Header.Get("Content-Type") != "image/png" || !bytes.Equal(got, want) {
		t.Errorf("thread file %+v: %s, %d bytes, want the %d-byte sample", f, res.Header.Get("Content-Type"), len(got), len(want))
	}
	if !hasButton(card, "approve_all") {
		t.Fatalf("card without Approve all: %+v", card.Blocks)
	}

	r.agent = "U0KIRAN003" // not an approver
	r.do("/api/slack/click", map[string]any{"agent": r.agent, "ts": card.TS, "action": "approve_all"})
	r.until("a notice to the non-approver", func(st stateView) bool { return len(st.Notices) == 1 })
	if got := r.balance(r.state(), "P-1001"); got != before {
		t.Fatalf("a non-approver's click moved the balance from %d to %d", before, got)
	}

	r.agent = world.FakeAgents()[0].ID
	r.do("/api/slack/click", map[string]any{"agent": r.agent, "ts": card.TS, "action": "approve_all"})
	msg := r.botSaid("coins are back in your wallet")
	if !strings.Contains(msg.HTML, "120 coins") {
		t.Errorf("approval message %q", msg.HTML)
	}
	if got := r.balance(r.state(), "P-1001"); got != before+120 {
		t.Errorf("balance shown %d after approval, want %d", got, before+120)
	}
	card = r.card("RF-1", func(p slackPost) bool { return p.Edited })
	if hasButton(card, "approve_all") {
		t.Errorf("the decided card still has its buttons")
	}
}

// TestPlaygroundModal opens Reject… as an approver: a submission without a
// reason comes back with the app's error on the reason block and the
// modal stays; with a reason the case is rejected and the modal closes.
func TestPlaygroundModal(t *testing.T) {
	r := newPGRig(t)
	card := r.fileRefund()
	r.do("/api/slack/click", map[string]any{"agent": r.agent, "ts": card.TS, "action": "reject"})
	st := r.until("the Reject modal", func(st stateView) bool { return st.Modal != nil })
	m := st.Modal
	var reasons []optionView
	for _, b := range m.Blocks {
		if b.BlockID == "reason" && b.Input != nil && b.Input.Kind == "select" {
			reasons = b.Input.Options
		}
	}
	if m.Title != "Reject refund" || m.Submit != "Reject" || len(reasons) == 0 {
		t.Fatalf("modal %+v", m)
	}

	var out submitReply
	body := map[string]any{"agent": r.agent, "view": m.ID, "values": map[string]any{}}
	if code := r.call("/api/slack/submit", body, &out); code != http.StatusOK || out.OK || out.Errors["reason"] == "" {
		t.Fatalf("submission without a reason: %d %+v", code, out)
	}
	if st := r.state(); st.Modal == nil || st.Modal.ID != m.ID {
		t.Fatalf("the modal closed after a refused submission")
	}

	body["values"] = map[string]any{"reason": map[string]any{"reason": map[string]any{"selected": []string{reasons[0].Value}}},
		"note": map[string]any{"note": map[string]any{"value": "Checked <b>the</b> call log & it rang."}}}
	out = submitReply{}
	if code := r.call("/api/slack/submit", body, &out); code != http.StatusOK || !out.OK {
		t.Fatalf("submission with a reason: %d %+v", code, out)
	}
	r.until("the modal to close", func(st stateView) bool { return st.Modal == nil })
	msg := r.botSaid("RF-1")
	if strings.Contains(msg.HTML, "<b>the</b>") {
		t.Errorf("the agent's note reached the page as markup: %q", msg.HTML)
	}
	r.card("RF-1", func(p slackPost) bool { return p.Edited && !hasButton(p, "reject") })
}

// TestPlaygroundRefusesBadActions: the API takes only JSON, only the
// playground's accounts, only bundled samples and only buttons that exist.
func TestPlaygroundRefusesBadActions(t *testing.T) {
	r := newPGRig(t)
	res, err := http.Post(r.URL+"/api/telegram/send", "application/x-www-form-urlencoded", strings.NewReader("user=7001001&text=hi"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("a form post: %d, want 415", res.StatusCode)
	}
	for _, c := range []struct {
		path string
		body map[string]any
	}{
		{"/api/telegram/send", map[string]any{"user": 42, "text": "hi"}},
		{"/api/telegram/send", map[string]any{"user": r.user, "text": "  "}},
		{"/api/telegram/photo", map[string]any{"user": r.user, "sample": "../app.js"}},
		{"/api/telegram/tap", map[string]any{"user": r.user, "message": 99, "row": 0, "col": 0}},
		{"/api/slack/click", map[string]any{"agent": "U0NOBODY", "ts": "1.2", "action": "approve_all"}},
		{"/api/slack/click", map[string]any{"agent": r.agent, "ts": "1.2", "action": "approve_all"}},
		{"/api/telegram/send", map[string]any{"user": r.user, "text": "hi", "extra": 1}},
	} {
		var out map[string]string
		if code := r.call(c.path, c.body, &out); code != http.StatusBadRequest || out["error"] == "" {
			t.Errorf("%s %v: %d %v, want 400 with an error", c.path, c.body, code, out)
		}
	}
	if n := len(r.w.TG.Messages(r.user)); n != 0 {
		t.Errorf("refused actions reached Telegram: %d messages", n)
	}
	res, err = http.Get(r.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(page), "refundbot") || !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("page: %d %q, CSP %q", res.StatusCode, page[:min(len(page), 80)], res.Header.Get("Content-Security-Policy"))
	}
}

// TestDemoPersonasMatchSampleProviders: each persona's phone is the one
// the import stored, so the contact button links the right provider.
func TestDemoPersonasMatchSampleProviders(t *testing.T) {
	r := newPGRig(t)
	for _, p := range demoPersonas() {
		got, err := r.w.App.Store.Provider(t.Context(), p.ProviderID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Phone != p.Phone || got.Name != p.Name || string(got.Language) != p.Language {
			t.Errorf("persona %+v, imported %+v", p, got)
		}
	}
}
