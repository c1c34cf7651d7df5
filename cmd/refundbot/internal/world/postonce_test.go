package world

import (
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
)

// Slack has no idempotency key: a card posted by a process that died
// before it recorded the post must not be posted again by the next one.
// These tests let the fake Slack take the card and withhold its answer,
// end the process (or the leader) there, and check that the next one
// finds the card by its metadata: exactly one card, and its update (the
// approval) lands on that card.

// TestCardPostedOnceAfterCrash: bbolt, one process, killed (World.Crash)
// while Slack's answer to the card's post is in flight, then started
// again on the same file.
func TestCardPostedOnceAfterCrash(t *testing.T) {
	e := newE2E(t)
	w, ctx := e.w, t.Context()
	const asha = 1001
	e.toLeadStep(asha)
	w.TG.UserSends(asha, "L-2001")
	e.botSays(asha, "total 120 coins")
	held, release := w.Slack.HoldAnswer("chat.postMessage")
	defer release()
	e.submitWithScreenshot(asha, "RF-1")
	waitHeld(t, held)
	if err := w.Crash(ctx); err != nil {
		t.Fatal(err)
	}
	release()
	e.postedOnce(w.URL, "RF-1", asha)
}

// TestCardPostedOnceAfterFailover: etcd, two replicas; the leader dies
// while Slack's answer to the card's post is in flight; the other
// replica takes over the outbox.
func TestCardPostedOnceAfterFailover(t *testing.T) {
	r := startReplicas(t, "postonce/", t.TempDir(), t.TempDir(), nil)
	a, b, e := r.a, r.b, r.e
	const asha = 1001
	e.toLeadStep(asha)
	a.TG.UserSends(asha, "L-2001")
	e.botSays(asha, "total 120 coins")
	held, release := a.Slack.HoldAnswer("chat.postMessage")
	defer release()
	e.submitWithScreenshot(asha, "RF-1")
	waitHeld(t, held)
	// The leader dies as kill -9 would leave it: its store gone at once,
	// nothing resigned; only then does Slack's answer come back.
	a.Kill()
	release()
	e.postedOnce(b.URL, "RF-1", asha)
}

// waitHeld waits until the fake Slack took the held call.
func waitHeld(t *testing.T, held <-chan struct{}) {
	t.Helper()
	select {
	case <-held:
	case <-time.After(15 * time.Second):
		t.Fatal("the card was never posted")
	}
}

// postedOnce checks, through the replica at url, that the case's card is
// in the channel once, that its thread gets the evidence, and that an
// approval updates that card.
func (e *e2e) postedOnce(url, caseID string, user int64) {
	e.t.Helper()
	sl := e.w.Slack
	cardTS := e.cardTS(caseID)
	e.waitFor("the evidence in the card's thread", func() bool { return len(sl.Thread(FakeChannel, cardTS)) > 0 })
	if _, err := sl.ClickButton(e.t.Context(), url, FakeAgents()[0].ID, FakeChannel, cardTS, "approve_all"); err != nil {
		e.t.Fatal(err)
	}
	e.botSays(user, "120 coins are back in your wallet")
	e.waitFor("the card updated", func() bool {
		for _, m := range sl.Messages(FakeChannel) {
			if m.TS == cardTS {
				return m.Edited > 0
			}
		}
		return false
	})
	var cards []slackfake.Message
	for _, m := range sl.Messages(FakeChannel) {
		if m.ThreadTS == "" && strings.Contains(string(m.Blocks), caseID) {
			cards = append(cards, m)
		}
	}
	if len(cards) != 1 || cards[0].TS != cardTS {
		e.t.Fatalf("%d cards of %s in the channel, want one (%s)", len(cards), caseID, cardTS)
	}
	seen := map[string]bool{}
	for _, m := range sl.Thread(FakeChannel, cardTS) {
		if seen[m.Text] {
			e.t.Errorf("the card's thread has %q twice", m.Text)
		}
		seen[m.Text] = true
	}
}
