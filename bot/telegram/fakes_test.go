package telegram_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/conversations/storetest"
)

// memInbox is an InboxStore in memory with the contract's dedup.
type memInbox struct {
	mu     sync.Mutex
	saved  map[int64]conversations.Inbound
	done   map[int64]bool
	marks  map[string]bool
	log    []string // "save" per fresh save, for ordering checks
	onSave func()
	// lostAnswers saves that commit and then report an error, as an etcd
	// commit whose answer was lost in a leader change does.
	lostAnswers int
}

func newInbox() *memInbox {
	return &memInbox{saved: map[int64]conversations.Inbound{}, done: map[int64]bool{}, marks: map[string]bool{}}
}

func (m *memInbox) SaveInbound(_ context.Context, in conversations.Inbound) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.saved[in.ID]; ok {
		return false, nil
	}
	m.saved[in.ID] = in
	m.log = append(m.log, "save")
	if m.onSave != nil {
		m.onSave()
	}
	if m.lostAnswers > 0 {
		m.lostAnswers--
		return false, errors.New("request timed out, possibly due to previous leader failure")
	}
	return true, nil
}

func (m *memInbox) InboundDone(_ context.Context, _ conversations.Transport, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done[id] = true
	return nil
}

func (m *memInbox) PendingInbound(context.Context) ([]conversations.Inbound, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []conversations.Inbound
	for id, in := range m.saved {
		if !m.done[id] {
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(a, b conversations.Inbound) int { return int(a.ID - b.ID) })
	return out, nil
}

func (m *memInbox) MarkOnce(_ context.Context, key string, _ time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	first := !m.marks[key]
	m.marks[key] = true
	return first, nil
}

func (m *memInbox) counts() (saved, done int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.saved), len(m.done)
}

// recDialogue records events; fn, when set, decides the result. With
// fetch set it downloads every file event's file (within budget), as the
// real dialogue does at a step that takes evidence; without, it never
// does, as for a stranger. Like the engine, a step that succeeds marks the
// event's update handled in inbox (its commit), so an event that does not
// name its update stays pending.
type recDialogue struct {
	mu     sync.Mutex
	events []conversations.Event
	fn     func(ctx context.Context, ev conversations.Event) (conversations.Result, error)
	fetch  bool
	budget int64
	inbox  *memInbox
}

func (d *recDialogue) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	if d.fetch && ev.Fetch != nil {
		budget := d.budget
		if budget == 0 {
			budget = 1 << 40
		}
		ev.File, ev.FileError = ev.Fetch(ctx, budget)
	}
	res, err := conversations.Result{}, error(nil)
	if d.fn != nil {
		res, err = d.fn(ctx, ev)
	}
	d.record(ev)
	if err == nil && d.inbox != nil && ev.Source != "" && ev.UpdateID != 0 {
		err = d.inbox.InboundDone(ctx, ev.Source, ev.UpdateID)
	}
	return res, err
}

func (d *recDialogue) record(ev conversations.Event) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.events = append(d.events, ev)
}

func (d *recDialogue) seen() []conversations.Event {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.events)
}

// waitFor polls cond; the deadline only stops a broken test from hanging.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func waitEvents(t *testing.T, d *recDialogue, n int) []conversations.Event {
	t.Helper()
	waitFor(t, "dialogue events", func() bool { return len(d.seen()) >= n })
	return d.seen()
}

// harness runs an adapter against a fake Telegram.
type harness struct {
	tg    *tgfake.Server
	inbox *memInbox
	dlg   *recDialogue
	opts  telegram.Options
	// cancel ends the latest started Run's context without waiting.
	cancel context.CancelFunc
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	tg := tgfake.New(tgfake.Options{MaxPollTimeout: 2 * time.Second})
	t.Cleanup(tg.Close)
	inbox := newInbox()
	return &harness{
		tg: tg, inbox: inbox, dlg: &recDialogue{inbox: inbox},
		opts: telegram.Options{
			Token: tg.Token, APIURL: tg.URL(), EvidenceDir: t.TempDir(),
			PollTimeout: time.Second, HTTPClient: &http.Client{Timeout: 10 * time.Second},
			ApologyText: "Sorry, please try again.",
		},
	}
}

// start runs a new adapter; the returned func stops it and waits for Run.
func (h *harness) start(t *testing.T) (*telegram.Adapter, func()) {
	t.Helper()
	a, err := telegram.New(h.opts, h.dlg, h.inbox)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-errc; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return a, stop
}

// TestMemInboxContract holds the adapter tests' inbox double to the
// contract the bbolt inbox meets.
func TestMemInboxContract(t *testing.T) { storetest.TestInbox(t, newInbox()) }
