package world

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// unconfirmedStore commits the next chosen calls and then answers them
// as etcd answers a commit it applied across a leader change: with an
// error that leaves the outcome unknown.
type unconfirmedStore struct {
	app.AppStore
	mu               sync.Mutex
	submits, decides int // how many of the next calls to answer so
	lost             int // how many of the next decisions to drop, answered so
}

var errLeaderFail = errors.New("etcdserver: request timed out, possibly due to previous leader failure")

func (s *unconfirmedStore) take(n *int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if *n == 0 {
		return false
	}
	*n--
	return true
}

func (s *unconfirmedStore) set(submits, decides int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.submits, s.decides = submits, decides
}

func (s *unconfirmedStore) SubmitCase(ctx context.Context, nc conversations.NewCase) (conversations.Case, error) {
	c, err := s.AppStore.SubmitCase(ctx, nc)
	if err == nil && s.take(&s.submits) {
		return conversations.Case{}, fmt.Errorf("submit case: %w: %w", conversations.ErrOutcomeUnknown, errLeaderFail)
	}
	return c, err
}

func (s *unconfirmedStore) Decide(ctx context.Context, d conversations.Decision) (conversations.Case, error) {
	if s.take(&s.lost) {
		// Not applied, and etcd cannot say so: the answer is the same.
		return conversations.Case{}, fmt.Errorf("decide %s: %w: %w", d.CaseID, conversations.ErrOutcomeUnknown, errLeaderFail)
	}
	c, err := s.AppStore.Decide(ctx, d)
	if err == nil && s.take(&s.decides) {
		return conversations.Case{}, fmt.Errorf("decide %s: %w: %w", d.CaseID, conversations.ErrOutcomeUnknown, errLeaderFail)
	}
	return c, err
}

// startUnconfirmed starts a world on an unconfirmedStore with one
// provider, Asha (1,000 coins, lead L-2001 of 120 unlocked), walked to
// the point where L-2001 is in her request.
func startUnconfirmed(t *testing.T) (*e2e, *unconfirmedStore) {
	t.Helper()
	var st *unconfirmedStore
	w := startWorld(t, Options{Dir: t.TempDir(), WrapStore: func(s app.AppStore) app.AppStore {
		st = &unconfirmedStore{AppStore: s}
		return st
	}})
	ctx := t.Context()
	at := time.Now().Add(-72 * time.Hour)
	if err := w.App.Store.UpsertProviders(ctx, []conversations.Provider{
		{ID: "P-1001", Name: "Asha", Phone: "+919876543210", Language: "en", OpeningBalance: 1000}}, at); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Store.RecordUnlocks(ctx, []conversations.Unlock{
		{ProviderID: "P-1001", LeadID: "L-2001", Coins: 120, UnlockedAt: at, Category: "Plumbing"}}); err != nil {
		t.Fatal(err)
	}
	e := &e2e{t: t, w: w}
	const asha = 1001
	e.toLeadStep(asha)
	w.TG.UserSends(asha, "L-2001")
	e.botSays(asha, "total 120 coins")
	return e, st
}

// TestUnconfirmedCommitsThatWentThrough: the provider's submit and the
// approver's click each commit, and the store answers both with an
// unknown outcome (etcd's timeout across a leader change). The provider
// is told the case is submitted, and not that something went wrong; the
// approver is not told "nothing was changed"; the wallet is credited
// once and the provider hears it once.
func TestUnconfirmedCommitsThatWentThrough(t *testing.T) {
	e, st := startUnconfirmed(t)
	ctx, w := t.Context(), e.w
	const asha = 1001
	tg, sl := w.TG, w.Slack

	st.set(1, 0)
	e.submitWithScreenshot(asha, "RF-1")
	tg.UserSends(asha, "/help") // handled after the submit, apology and all
	e.botSays(asha, "What I can do")
	apology := policy.Text(policy.LangEnglish, policy.KeyApology, nil)
	unconfirmed := policy.Text(policy.LangEnglish, policy.KeyTelegramUnconfirmed, nil)
	submitted := 0
	for _, m := range tg.BotMessages(asha) {
		if m.Plain == apology || m.Plain == unconfirmed {
			t.Errorf("after a submit that went through the provider was told %q", m.Plain)
		}
		if strings.Contains(m.Plain, "RF-1 is submitted") {
			submitted++
		}
	}
	if cs, err := w.App.Store.Cases(ctx, "P-1001"); err != nil || len(cs) != 1 || submitted != 1 {
		t.Fatalf("%d cases (%v), %d confirmations; want one of each", len(cs), err, submitted)
	}

	cardTS := e.cardTS("RF-1")
	st.set(0, 1)
	if _, err := sl.ClickButton(ctx, w.URL, "U0MEERA001", FakeChannel, cardTS, "approve_all"); err != nil {
		t.Fatal(err)
	}
	e.botSays(asha, "120 coins are back in your wallet. Your balance is now 1000 coins")
	// The same approver clicks again once the card has updated: "Already
	// approved", after whatever the first click was answered.
	e.waitFor("the card updated without buttons", func() bool {
		for _, m := range sl.Messages(FakeChannel) {
			if m.TS == cardTS {
				return m.Edited > 0 && !strings.Contains(string(m.Blocks), "approve_all")
			}
		}
		return false
	})
	if _, err := sl.ClickButton(ctx, w.URL, "U0MEERA001", FakeChannel, cardTS, "approve_all"); err != nil && !strings.Contains(err.Error(), "no such button") {
		t.Fatal(err)
	}
	tg.UserSends(asha, "/help")
	e.botSays(asha, "What I can do")
	for _, eph := range sl.Ephemerals("U0MEERA001") {
		if strings.Contains(eph.Text, "nothing was changed") || strings.Contains(eph.Text, "could not confirm") {
			t.Errorf("the approver of a decision that went through was told %q", eph.Text)
		}
	}
	e.creditedAndToldOnce(asha, "P-1001", 1000)
	if probs, err := w.App.Store.Verify(ctx); err != nil || len(probs) > 0 {
		t.Fatalf("verify: %v %v", probs, err)
	}
}

// TestUnconfirmedDecisionThatStaysUnknown: the approver's click reaches
// a store that drops the decision and cannot say whether it applied, on
// the first try and on the desk's one retry. The approver reads, in
// Slack, that it could not be confirmed (never "nothing was changed"),
// the provider is told nothing, no coin moves; a click once the store
// answers again approves once.
func TestUnconfirmedDecisionThatStaysUnknown(t *testing.T) {
	e, st := startUnconfirmed(t)
	ctx, w := t.Context(), e.w
	const asha = 1001
	sl := w.Slack
	e.submitWithScreenshot(asha, "RF-1")
	cardTS := e.cardTS("RF-1")

	st.mu.Lock()
	st.lost = 2 // the click and the desk's retry
	st.mu.Unlock()
	if _, err := sl.ClickButton(ctx, w.URL, "U0MEERA001", FakeChannel, cardTS, "approve_all"); err != nil {
		t.Fatal(err)
	}
	unconfirmed := policy.Text(policy.LangEnglish, policy.KeyEphUnconfirmed, nil)
	e.waitFor("the approver told it could not be confirmed", func() bool {
		for _, eph := range sl.Ephemerals("U0MEERA001") {
			if strings.Contains(eph.Text, unconfirmed) {
				return true
			}
		}
		return false
	})
	for _, eph := range sl.Ephemerals("U0MEERA001") {
		if strings.Contains(eph.Text, "nothing was changed") {
			t.Errorf("the approver was told %q of a decision whose outcome is unknown", eph.Text)
		}
	}
	if got := e.balance("P-1001"); got != 880 {
		t.Fatalf("balance %d after a dropped decision, want 880 (nothing credited)", got)
	}
	if c, err := w.App.Store.Case(ctx, "RF-1"); err != nil || c.State == policy.StateApproved {
		t.Fatalf("RF-1 %v (%v) after a dropped decision, want still open", c.State, err)
	}

	// The store answers again: the approver checks the card, clicks again.
	if _, err := sl.ClickButton(ctx, w.URL, "U0MEERA001", FakeChannel, cardTS, "approve_all"); err != nil {
		t.Fatal(err)
	}
	e.botSays(asha, "120 coins are back in your wallet. Your balance is now 1000 coins")
	e.creditedAndToldOnce(asha, "P-1001", 1000)
}
