package world

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
)

const e2eAPIToken = "e2e-platform-token-0123456789"

// e2e drives a world: a provider on the fake Telegram, agents on the fake
// Slack, the real wiring and store in between.
type e2e struct {
	t *testing.T
	w *World
}

// startWorld starts a world of o and closes it when the test ends.
func startWorld(t *testing.T, o Options) *World {
	t.Helper()
	w, err := Start(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return w
}

func newE2E(t *testing.T) *e2e {
	t.Helper()
	w := startWorld(t, Options{Dir: t.TempDir(), Configure: func(c *app.Config) { c.API.Token = e2eAPIToken }})
	ctx := t.Context()
	at := time.Now().Add(-72 * time.Hour)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.App.Store.UpsertProviders(ctx, []conversations.Provider{
		{ID: "P-1001", Name: "Asha <Plumbing>", Phone: "+919876543210", Language: "en", OpeningBalance: 1000},
		{ID: "P-1002", Name: "Ravi", Phone: "+919812345678", Language: "en", OpeningBalance: 500},
	}, at))
	_, err := w.App.Store.RecordUnlocks(ctx, []conversations.Unlock{
		{ProviderID: "P-1001", LeadID: "L-2001", Coins: 120, UnlockedAt: at, Category: "Plumbing"},
		{ProviderID: "P-1001", LeadID: "L-2002", Coins: 80, UnlockedAt: at, Category: "Plumbing"},
		{ProviderID: "P-1002", LeadID: "L-3001", Coins: 60, UnlockedAt: at, Category: "Tutoring"},
	})
	must(err)
	return &e2e{t: t, w: w}
}

// waitFor polls cond until it holds; the bound only stops a hung test.
func (e *e2e) waitFor(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// botSays waits until the bot's latest message to user contains text.
func (e *e2e) botSays(user int64, text string) tgfake.Message {
	e.t.Helper()
	var last tgfake.Message
	e.waitFor("the bot to say "+text, func() bool {
		ms := e.w.TG.BotMessages(user)
		if len(ms) == 0 {
			return false
		}
		last = ms[len(ms)-1]
		return strings.Contains(last.Plain, text)
	})
	return last
}

// tap taps the button of the bot's latest keyboard whose text contains label.
func (e *e2e) tap(user int64, label string) {
	e.t.Helper()
	var exact string
	e.waitFor("a button "+label, func() bool {
		ms := e.w.TG.BotMessages(user)
		for i := len(ms) - 1; i >= 0 && exact == ""; i-- {
			for _, row := range ms[i].InlineKeyboard {
				for _, b := range row {
					if strings.Contains(b.Text, label) {
						exact = b.Text
					}
				}
			}
			if len(ms[i].InlineKeyboard) > 0 {
				break
			}
		}
		return exact != ""
	})
	if err := e.w.TG.UserTaps(user, exact); err != nil {
		e.t.Fatalf("tap %q: %v", exact, err)
	}
}

// submitWithScreenshot ends the lead step, sends a screenshot and submits:
// the provider is told the case ID.
func (e *e2e) submitWithScreenshot(user int64, caseID string) {
	e.t.Helper()
	e.tap(user, "Done with leads")
	e.botSays(user, "send your evidence")
	e.w.TG.UserSendsPhoto(user, []byte(screenshot), "")
	e.botSays(user, "Got it")
	e.botSays(user, "Your refund request")
	e.tap(user, "Submit")
	e.botSays(user, caseID+" is submitted")
}

// cardTS waits for the case's card in the fake channel and returns its ts.
func (e *e2e) cardTS(caseID string) string {
	e.t.Helper()
	var ts string
	e.waitFor("the case card in Slack", func() bool {
		for _, m := range e.w.Slack.Messages(FakeChannel) {
			if m.ThreadTS == "" && strings.Contains(string(m.Blocks), caseID) {
				ts = m.TS
				return true
			}
		}
		return false
	})
	return ts
}

func (e *e2e) balance(provider string) int64 {
	e.t.Helper()
	wl, err := e.w.App.Store.Wallet(e.t.Context(), provider)
	if err != nil {
		e.t.Fatal(err)
	}
	return wl.Balance
}

// creditedAndToldOnce fails unless provider's balance is balance and the
// chat of user heard "coins are back" exactly once.
func (e *e2e) creditedAndToldOnce(user int64, provider string, balance int64) {
	e.t.Helper()
	told := 0
	for _, m := range e.w.TG.BotMessages(user) {
		if strings.Contains(m.Plain, "coins are back") {
			told++
		}
	}
	if got := e.balance(provider); got != balance || told != 1 {
		e.t.Fatalf("balance %d, told %d times; want %d, once", got, told, balance)
	}
}

// TestEndToEndRefund is the whole flow through serve's wiring: a provider
// links with the contact button, files an invalid-lead case for two leads
// with a photo, an agent approves it on the Slack card, the wallet is
// credited once and the provider hears the coins and the new balance.
func TestEndToEndRefund(t *testing.T) {
	e := newE2E(t)
	const asha = 1001
	tg, sl := e.w.TG, e.w.Slack

	tg.UserSends(asha, "/start")
	e.botSays(asha, "share the phone number")
	tg.UserSharesContact(asha, "919876543210", asha, false)
	e.botSays(asha, "now linked")

	tg.UserSends(asha, "/refund@RefundBot")
	e.botSays(asha, "Choose the reason")
	e.tap(asha, "Invalid lead")
	e.botSays(asha, "What was wrong")
	e.tap(asha, "Wrong or fake number")
	e.botSays(asha, "Send the ID of the lead")
	tg.UserSends(asha, "l-2001, L-2002 L-3001")
	msg := e.botSays(asha, "total 200 coins")
	if !strings.Contains(msg.Plain, "L-3001") || !strings.Contains(msg.Plain, "not unlocked with your account") {
		t.Errorf("someone else's lead not refused: %q", msg.Plain)
	}
	e.submitWithScreenshot(asha, "RF-1")
	cardTS := e.cardTS("RF-1")
	e.waitFor("the screenshot in the card's thread", func() bool {
		for _, m := range sl.Thread(FakeChannel, cardTS) {
			if len(m.Files) == 1 {
				return true
			}
		}
		return false
	})

	before := e.balance("P-1001")
	if _, err := sl.ClickButton(t.Context(), e.w.URL, "U0KIRAN003", FakeChannel, cardTS, "approve_all"); err != nil {
		t.Fatal(err)
	}
	e.waitFor("a refusal for a non-approver", func() bool { return len(sl.Ephemerals("U0KIRAN003")) == 1 })
	if got := e.balance("P-1001"); got != before {
		t.Fatalf("a non-approver's click moved the balance from %d to %d", before, got)
	}
	// A double click: both land before the card loses its buttons, or the
	// second finds them gone; either way exactly one credit.
	clicks := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := sl.ClickButton(t.Context(), e.w.URL, "U0MEERA001", FakeChannel, cardTS, "approve_all")
			clicks <- err
		}()
	}
	failed := 0
	for range 2 {
		if err := <-clicks; err != nil {
			if !strings.Contains(err.Error(), "no such button") {
				t.Fatal(err)
			}
			failed++
		}
	}
	if failed == 2 {
		t.Fatal("neither click reached the app")
	}
	e.botSays(asha, "200 coins are back in your wallet. Your balance is now 1000 coins")
	if got, want := e.balance("P-1001"), before+200; got != want {
		t.Fatalf("balance %d after approval, want %d", got, want)
	}
	e.waitFor("the card updated in place without buttons", func() bool {
		for _, m := range sl.Messages(FakeChannel) {
			if m.TS == cardTS {
				return m.Edited > 0 && !strings.Contains(string(m.Blocks), "approve_all")
			}
		}
		return false
	})
	if probs, err := e.w.App.Store.Verify(t.Context()); err != nil || len(probs) > 0 {
		t.Fatalf("verify: %v %v", probs, err)
	}
	for path, want := range map[string]string{
		"/healthz": "ok", "/readyz": `"ready":true`, "/metrics": "refundbot_coins_refunded 200",
		"/api/v1/wallets/P-1001": `"balance":1000`, "/api/v1/cases/RF-1": `"state":"approved"`,
	} {
		req, _ := http.NewRequest(http.MethodGet, e.w.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+e2eAPIToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %q, want 200 with %q", path, resp.StatusCode, body, want)
		}
	}
}
