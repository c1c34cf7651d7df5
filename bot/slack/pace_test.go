package slack

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
)

// pacedRig is the outbox (real bbolt), the delivery worker and the adapter
// at Slack's real limits, against a fake Slack that enforces those limits.
type pacedRig struct {
	fake  *slackfake.Server
	desk  *fakeDesk
	a     *Adapter
	db    *storage.DB
	d     *bot.Delivery
	cases []string
}

// fakeLimits are SlackLimits as the fake enforces them: one call more of
// burst, for loopback jitter.
func fakeLimits() map[string]slackfake.Limit {
	out := map[string]slackfake.Limit{}
	for m, l := range SlackLimits {
		out[m] = slackfake.Limit{Rate: float64(l.Rate), Burst: l.Burst + 1, PerChannel: l.PerChannel}
	}
	return out
}

func newPacedRig(t *testing.T, n int) *pacedRig {
	t.Helper()
	fake := slackfake.New(slackfake.Options{Token: "xoxb-1", SigningSecret: testSecret, Channels: []string{"C1"},
		Limits: fakeLimits()})
	t.Cleanup(fake.Close)
	r := &pacedRig{fake: fake}
	var cs []conversations.Case
	for i := 1; i <= n; i++ {
		c := smallCase()
		c.ID, c.Seq = fmt.Sprintf("RF-%d", i), uint64(i)
		cs = append(cs, c)
		r.cases = append(r.cases, c.ID)
	}
	r.desk = newFakeDesk(cs...)
	a, err := New(Options{BotToken: "xoxb-1", SigningSecret: testSecret, APIURL: fake.APIURL(), Channel: "C1",
		EvidenceDir: t.TempDir(), Clock: fixedClock{testNow}, Desk: r.desk, Cases: r.desk,
		RejectReasons: []RejectReason{{Code: "not_eligible", Label: "Not eligible"}}})
	if err != nil {
		t.Fatal(err)
	}
	r.a = a
	r.db, err = storage.Open(filepath.Join(t.TempDir(), "refundbot.db"), storage.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.db.Close() })
	r.d = &bot.Delivery{Store: r.db, Clock: fixedClock{testNow}, Poll: 10 * time.Millisecond,
		Senders: map[conversations.Transport]bot.Sender{conversations.Slack: deskSender{r}}}
	return r
}

// deskSender is the Slack sender as serve wires it: the card rendered from
// the case as it is now, its ts recorded after the post.
type deskSender struct{ r *pacedRig }

func (s deskSender) Send(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	c, err := s.r.desk.Case(ctx, m.CaseID)
	if err != nil {
		return "", err
	}
	ref, err := s.r.a.Send(ctx, m, c, smallInfo())
	if err == nil && m.Kind == conversations.OutSlackCard {
		s.r.desk.mu.Lock()
		c := s.r.desk.cases[m.CaseID]
		c.CardChannel, c.CardTS = m.Recipient, ref
		s.r.desk.cases[m.CaseID] = c
		s.r.desk.mu.Unlock()
	}
	return ref, err
}

func (deskSender) Classify(err error) (time.Duration, bool) { return Classify(err) }

func (s deskSender) Ready(m conversations.OutboxMessage) (string, bool) { return s.r.a.Ready(m) }

func (r *pacedRig) enqueue(t *testing.T, kind conversations.OutboxKind, caseID, text string) {
	t.Helper()
	m := conversations.OutboxMessage{Transport: conversations.Slack, Kind: kind, Recipient: "C1", CaseID: caseID, Text: text}
	if err := r.db.Enqueue(context.Background(), m); err != nil {
		t.Fatal(err)
	}
}

// run delivers until the outbox is empty.
func (r *pacedRig) run(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- r.d.Run(ctx) }()
	for {
		depth, _, err := r.db.OutboxStats(ctx, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if depth == 0 {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("outbox still holds %d messages", depth)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
}

func (r *pacedRig) cardTS(id string) string {
	r.desk.mu.Lock()
	defer r.desk.mu.Unlock()
	return r.desk.cases[id].CardTS
}

// A decision's card update goes before the new cards and thread messages
// queued ahead of it, and cards go before thread messages: on a channel
// paced at one post a second, the agent sees the card they approved change
// at once, not after the wave. The fake enforces Slack's limits and never
// had to refuse a call.
func TestCardUpdateOvertakesQueuedCardsAndThreads(t *testing.T) {
	r := newPacedRig(t, 5)
	ctx := context.Background()
	r.enqueue(t, conversations.OutSlackCard, "RF-1", "")
	r.run(t)
	ts1 := r.cardTS("RF-1")
	for _, id := range r.cases[1:] {
		r.enqueue(t, conversations.OutSlackCard, id, "")
	}
	r.enqueue(t, conversations.OutSlackThread, "RF-1", "first line")
	r.enqueue(t, conversations.OutSlackThread, "RF-1", "second line")
	if _, err := r.desk.ApproveAll(ctx, "RF-1", "U1", testNow); err != nil {
		t.Fatal(err)
	}
	r.enqueue(t, conversations.OutSlackCardUpdate, "RF-1", "")
	r.run(t)

	var order []string
	for _, c := range r.fake.Journal() {
		switch {
		case c.Method == MethodUpdate:
			order = append(order, "update "+c.TS)
		case c.Method == MethodPostMessage && c.ThreadTS == "":
			order = append(order, "card")
		case c.Method == MethodPostMessage:
			order = append(order, "thread")
		}
	}
	// RF-1's card, then the update in the first pass, beside at most the
	// next card (sent at once, in either order); the other cards wait for
	// the channel's pace, the thread lines for the cards.
	got := strings.Join(order, " ")
	if got != "card update "+ts1+" card card card card thread thread" && got != "card card update "+ts1+" card card card thread thread" {
		t.Errorf("Slack saw %q; want the update among the first three calls and the thread last", got)
	}
	if th := r.fake.Thread("C1", ts1); len(th) != 2 || th[0].Text != "first line" || th[1].Text != "second line" {
		t.Errorf("thread of RF-1: %+v, want the two lines in order", th)
	}
	for _, m := range []string{MethodPostMessage, MethodUpdate} {
		if n := r.fake.Throttled(m); n != 0 {
			t.Errorf("%s: the fake refused %d calls over Slack's limit", m, n)
		}
	}
}

// Three pending updates of one card are one chat.update, showing the
// latest state, and all three records are marked sent. An update of a card
// not posted yet folds into the post.
func TestPendingCardUpdatesCollapse(t *testing.T) {
	r := newPacedRig(t, 2)
	ctx := context.Background()
	r.enqueue(t, conversations.OutSlackCard, "RF-1", "")
	r.run(t)
	r.enqueue(t, conversations.OutSlackCardUpdate, "RF-1", "")
	r.enqueue(t, conversations.OutSlackCardUpdate, "RF-1", "")
	if _, err := r.desk.ApproveAll(ctx, "RF-1", "U1", testNow); err != nil {
		t.Fatal(err)
	}
	r.enqueue(t, conversations.OutSlackCardUpdate, "RF-1", "")
	// RF-2: its card and an update of it, pending together.
	r.enqueue(t, conversations.OutSlackCard, "RF-2", "")
	if _, err := r.desk.ApproveAll(ctx, "RF-2", "U1", testNow); err != nil {
		t.Fatal(err)
	}
	r.enqueue(t, conversations.OutSlackCardUpdate, "RF-2", "")
	r.run(t) // returns once every record is marked sent

	if n := r.fake.Calls(MethodUpdate); n != 1 {
		t.Errorf("chat.update called %d times, want 1 for three pending updates and none for RF-2", n)
	}
	msgs := r.fake.Messages("C1")
	if len(msgs) != 2 {
		t.Fatalf("channel holds %d messages, want the two cards", len(msgs))
	}
	for i, m := range msgs {
		if !strings.Contains(string(m.Blocks), "350 coins credited") || strings.Contains(string(m.Blocks), ActionApproveAll) {
			t.Errorf("card %d does not show the latest state (approved): %s", i+1, m.Blocks)
		}
	}
	if msgs[0].Edited != 1 || msgs[1].Edited != 0 {
		t.Errorf("edits %d, %d; want 1 (three collapsed) and 0 (folded into the post)", msgs[0].Edited, msgs[1].Edited)
	}
}

// runningClock is testNow plus the real time since start: retries come
// due as they would.
type runningClock struct{ start time.Time }

func (c runningClock) Now() time.Time { return testNow.Add(time.Since(c.start)) }

// A 429 on chat.update holds chat.update for its Retry-After and nothing
// else: the other card's update waits out the hold while new cards keep
// being posted; then both updates go.
func TestRetryAfterHoldsOnlyItsMethod(t *testing.T) {
	r := newPacedRig(t, 4)
	r.d.Clock = runningClock{time.Now()}
	ctx := context.Background()
	r.enqueue(t, conversations.OutSlackCard, "RF-1", "")
	r.enqueue(t, conversations.OutSlackCard, "RF-2", "")
	r.run(t)
	r.fake.RateLimit(MethodUpdate, 1, 2)
	for _, id := range r.cases[:2] {
		if _, err := r.desk.ApproveAll(ctx, id, "U1", testNow); err != nil {
			t.Fatal(err)
		}
		r.enqueue(t, conversations.OutSlackCardUpdate, id, "")
	}
	r.enqueue(t, conversations.OutSlackCard, "RF-3", "")
	r.enqueue(t, conversations.OutSlackCard, "RF-4", "")
	r.run(t)
	var order []string
	for _, c := range r.fake.Journal()[2:] {
		order = append(order, c.Method)
	}
	want := []string{MethodPostMessage, MethodPostMessage, MethodUpdate, MethodUpdate}
	if !slices.Equal(order, want) {
		t.Errorf("after the 429 Slack answered %v, want the two cards, then the two held updates", order)
	}
	if n := r.fake.Calls(MethodUpdate); n != 3 {
		t.Errorf("chat.update called %d times, want the refused call and two after the hold", n)
	}
}
