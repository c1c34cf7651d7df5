package conversations

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

var t0 = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

const (
	chatAsha = 5001 // Asha's Telegram user and private chat
	userRavi = 6001
)

// world is a store seeded with two providers and their unlocks.
func world(t *testing.T) *memStore {
	t.Helper()
	st := newMemStore()
	ctx := context.Background()
	must(t, st.UpsertProviders(ctx, []Provider{
		{ID: "P-1", Name: "Asha <Plumbing>", Phone: "+919876543210", Language: policy.LangEnglish, OpeningBalance: 2000},
		{ID: "P-2", Name: "Ravi", Phone: "+919812345678", OpeningBalance: 500},
	}, t0.Add(-90*24*time.Hour)))
	day := 24 * time.Hour
	_, err := st.RecordUnlocks(ctx, []Unlock{
		{ProviderID: "P-1", LeadID: "L-1", Coins: 100, UnlockedAt: t0.Add(-3 * day), Category: "plumbing"},
		{ProviderID: "P-1", LeadID: "L-2", Coins: 250, UnlockedAt: t0.Add(-4 * day), Category: "plumbing"},
		{ProviderID: "P-1", LeadID: "L-3", Coins: 300, UnlockedAt: t0.Add(-5 * day), Category: "plumbing"},
		{ProviderID: "P-1", LeadID: "L-OLD", Coins: 80, UnlockedAt: t0.Add(-40 * day), Category: "plumbing"},
		{ProviderID: "P-1", LeadID: "L-NEW", Coins: 90, UnlockedAt: t0.Add(-time.Hour), Category: "plumbing"},
		{ProviderID: "P-1", LeadID: "L-REF", Coins: 70, UnlockedAt: t0.Add(-2 * day), Category: "plumbing"},
		{ProviderID: "P-1", LeadID: "L-RES", Coins: 60, UnlockedAt: t0.Add(-2 * day), Category: "plumbing"},
		{ProviderID: "P-2", LeadID: "L-9", Coins: 120, UnlockedAt: t0.Add(-2 * day), Category: "painting"},
	})
	must(t, err)
	u := st.unlocks["P-1/L-REF"]
	u.RefundedIn = "RF-77"
	st.unlocks["P-1/L-REF"] = u
	u = st.unlocks["P-1/L-RES"]
	u.OpenCase = "RF-78"
	st.unlocks["P-1/L-RES"] = u
	return st
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// chat drives one provider's Telegram chat through the engine.
type chat struct {
	t     *testing.T
	st    *memStore
	eng   *Engine
	clock *fakeClock
	id    int64
	msgID int
	seen  int // outbox records already returned
	last  []Reply
	log   []string // every reply text, for goldens
}

func newChat(t *testing.T, st *memStore) *chat {
	clock := &fakeClock{t: t0}
	eng := NewEngine(EngineOptions{Store: st, Steps: st, Policy: policy.Default(), Clock: clock, SlackChannel: "C-DESK"})
	return &chat{t: t, st: st, eng: eng, clock: clock, id: chatAsha}
}

// do handles ev and returns the replies committed to this chat.
func (c *chat) do(ev Event) (Result, []Reply) {
	c.t.Helper()
	// Update IDs are the bot's, shared by every chat of the store.
	ev.Source, ev.UpdateID, ev.ChatID, ev.At = Telegram, c.st.nextUpdateID(), c.id, c.clock.Now()
	if ev.UserID == 0 {
		ev.UserID = c.id
	}
	res, err := c.eng.Handle(context.Background(), ev)
	if err != nil {
		c.t.Fatalf("handle %+v: %v", ev, err)
	}
	out, _ := c.st.snapshot()
	var replies []Reply
	for _, m := range out[c.seen:] {
		if m.Transport == Telegram && m.Recipient == strconv.FormatInt(c.id, 10) {
			replies = append(replies, *m.Reply)
			c.log = append(c.log, m.Reply.Text)
		}
	}
	c.seen = len(out)
	if len(replies) > 0 {
		c.last = replies
	}
	return res, replies
}

func (c *chat) command(name string) []Reply {
	_, r := c.do(Event{Kind: EvCommand, Command: name})
	return r
}

func (c *chat) text(s string) []Reply {
	_, r := c.do(Event{Kind: EvText, Text: s})
	return r
}

// press taps the button of the latest keyboard whose action (and arg,
// when given) match.
func (c *chat) press(action, arg string) (Result, []Reply) {
	c.t.Helper()
	for i := len(c.last) - 1; i >= 0; i-- {
		for _, row := range c.last[i].Buttons {
			for _, b := range row {
				cb, ok := ParseCallback(b.Data)
				if ok && cb.Action == action && (arg == "" || cb.Arg == arg) {
					c.msgID++
					return c.do(Event{Kind: EvCallback, Data: b.Data, CallbackID: "cb", MessageID: c.msgID})
				}
			}
		}
	}
	c.t.Fatalf("no button %s:%s in %+v", action, arg, c.last)
	return Result{}, nil
}

func (c *chat) session() Session {
	s, _, _ := c.st.Session(context.Background(), c.id)
	return s
}

// link links Asha with her own contact.
func (c *chat) link() {
	c.t.Helper()
	c.command("start")
	c.do(Event{Kind: EvContact, Contact: &Contact{Phone: "+919876543210", UserID: c.id}})
	if s := c.session(); s.ProviderID != "P-1" {
		c.t.Fatalf("not linked: %+v", s)
	}
}

func joined(rs []Reply) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text)
		b.WriteString("\n")
	}
	return b.String()
}

func wantIn(t *testing.T, rs []Reply, subs ...string) {
	t.Helper()
	all := joined(rs)
	for _, s := range subs {
		if !strings.Contains(all, s) {
			t.Errorf("replies lack %q:\n%s", s, all)
		}
	}
}

func photo(sha string) Event {
	return Event{Kind: EvFile, File: &Evidence{Kind: EvidencePhoto, SHA256: sha, FileName: sha + ".jpg", MIME: "image/jpeg", Size: 2048}}
}
