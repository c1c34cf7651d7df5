package telegram_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/conversations"
)

func TestOrderPerChatConcurrencyAcrossChats(t *testing.T) {
	h := newHarness(t)
	const chats, perChat = 10, 20
	release := make(chan struct{})
	var mu sync.Mutex
	inflight := map[int64]int{}
	handled := map[int64]int{}
	overlap := false
	h.dlg.fn = func(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
		mu.Lock()
		inflight[ev.ChatID]++
		if inflight[ev.ChatID] > 1 {
			overlap = true
		}
		mu.Unlock()
		// Chat 1's first update waits until chat 2 is completely handled:
		// this only finishes if chats proceed independently.
		if ev.ChatID == 1 && ev.Text == "0" {
			<-release
		}
		mu.Lock()
		inflight[ev.ChatID]--
		handled[ev.ChatID]++
		if ev.ChatID == 2 && handled[2] == perChat {
			close(release)
		}
		mu.Unlock()
		return conversations.Result{}, nil
	}
	h.start(t)
	for i := range perChat {
		for c := int64(1); c <= chats; c++ {
			h.tg.UserSends(c, strconv.Itoa(i))
		}
	}
	evs := waitEvents(t, h.dlg, chats*perChat)
	next := map[int64]int{}
	for _, ev := range evs {
		if want := strconv.Itoa(next[ev.ChatID]); ev.Text != want {
			t.Fatalf("chat %d: got %q, want %q", ev.ChatID, ev.Text, want)
		}
		next[ev.ChatID]++
	}
	mu.Lock()
	defer mu.Unlock()
	if overlap {
		t.Error("two updates of one chat were handled at the same time")
	}
}

func TestRestartHandlesSavedUpdate(t *testing.T) {
	h := newHarness(t)
	entered := make(chan struct{})
	unblock := make(chan struct{})
	h.dlg.fn = func(_ context.Context, ev conversations.Event) (conversations.Result, error) {
		if ev.Text == "first" {
			close(entered)
			<-unblock
		}
		return conversations.Result{}, nil
	}
	_, stop := h.start(t)
	h.tg.UserSends(21, "first")
	h.tg.UserSends(21, "second")
	<-entered
	waitFor(t, "second saved", func() bool { s, _ := h.inbox.counts(); return s == 2 })
	// Stop while "first" runs: "second" is saved and queued behind it,
	// and must not start once Run's context has ended.
	h.cancel()
	close(unblock)
	stop()
	if evs := h.dlg.seen(); len(evs) != 1 || evs[0].Text != "first" {
		t.Fatalf("before restart the dialogue saw %+v", evs)
	}
	pending, _ := h.inbox.PendingInbound(context.Background())
	if len(pending) != 1 {
		t.Fatalf("pending after stop: %d, want 1", len(pending))
	}

	h.dlg = &recDialogue{inbox: h.inbox}
	h.start(t)
	h.tg.UserSends(21, "third")
	evs := waitEvents(t, h.dlg, 2)
	waitFor(t, "all done", func() bool { _, d := h.inbox.counts(); return d == 3 })
	evs = h.dlg.seen()
	if len(evs) != 2 || evs[0].Text != "second" || evs[1].Text != "third" {
		t.Fatalf("after restart the dialogue saw %+v, want second then third once each", evs)
	}
}

func TestWebhook(t *testing.T) {
	h := newHarness(t)
	var handler http.Handler
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(hook.Close)
	h.opts.Mode = telegram.ModeWebhook
	h.opts.WebhookURL = hook.URL + "/telegram/webhook"
	h.opts.WebhookSecret = "s3cret-Token_1"
	a, err := telegram.New(h.opts, h.dlg, h.inbox)
	if err != nil {
		t.Fatal(err)
	}
	handler = a.WebhookHandler()
	update := []byte(`{"update_id":5001,"message":{"message_id":1,"date":1700000000,"chat":{"id":31,"type":"private"},"from":{"id":31,"is_bot":false,"first_name":"A"},"text":"hello"}}`)
	post := func(secret string) int {
		req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", bytes.NewReader(update))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		rec := &orderRecorder{ResponseRecorder: httptest.NewRecorder(), inbox: h.inbox}
		handler.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := post("s3cret-Token_1"); code != http.StatusServiceUnavailable {
		t.Fatalf("before Run: status %d, want 503", code)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() { cancel(); <-done }()
	waitFor(t, "webhook registered", func() bool { return h.tg.Calls("setWebhook") > 0 })

	for _, bad := range []string{"", "wrong", "s3cret-Token_"} {
		if code := post(bad); code != http.StatusUnauthorized {
			t.Errorf("secret %q: status %d, want 401", bad, code)
		}
	}
	if s, _ := h.inbox.counts(); s != 0 {
		t.Fatalf("a call with a wrong secret saved %d updates", s)
	}
	h.inbox.mu.Lock()
	h.inbox.log = nil
	h.inbox.mu.Unlock()
	if code := post("s3cret-Token_1"); code != http.StatusOK {
		t.Fatalf("right secret: status %d", code)
	}
	if code := post("s3cret-Token_1"); code != http.StatusOK {
		t.Fatalf("duplicate: status %d", code)
	}
	h.inbox.mu.Lock()
	log := append([]string(nil), h.inbox.log...)
	h.inbox.mu.Unlock()
	if len(log) != 3 || log[0] != "save" || log[1] != "respond 200" || log[2] != "respond 200" {
		t.Fatalf("order %v, want save before the first 200 and no second save", log)
	}

	// End to end: the fake delivers through the registered webhook.
	h.tg.UserSends(32, "via webhook")
	waitFor(t, "two updates handled", func() bool { _, d := h.inbox.counts(); return d == 2 })
	evs := h.dlg.seen()
	if len(evs) != 2 || evs[0].Text != "hello" || evs[1].Text != "via webhook" {
		t.Fatalf("events %+v", evs)
	}
	waitFor(t, "the fake to see the 200", func() bool { return h.tg.Pending() == 0 })
	if ok, failed := h.tg.WebhookDeliveries(); ok != 1 || failed != 0 {
		t.Errorf("webhook deliveries ok=%d failed=%d, want 1 and 0", ok, failed)
	}
}

// orderRecorder logs the response status into the inbox's log, so the
// test sees whether saving happened before answering.
type orderRecorder struct {
	*httptest.ResponseRecorder
	inbox *memInbox
}

func (r *orderRecorder) WriteHeader(code int) {
	r.inbox.mu.Lock()
	r.inbox.log = append(r.inbox.log, "respond "+strconv.Itoa(code))
	r.inbox.mu.Unlock()
	r.ResponseRecorder.WriteHeader(code)
}

func TestPollingSkipsAlreadySavedUpdate(t *testing.T) {
	h := newHarness(t)
	// Update 101 (the fake's first) was saved and handled before a crash
	// that happened before the offset moved: Telegram delivers it again.
	h.inbox.saved[101] = conversations.Inbound{Source: conversations.Telegram, ID: 101, ChatID: 41}
	h.inbox.done[101] = true
	h.start(t)
	if id := h.tg.UserSends(41, "old"); id != 101 {
		t.Fatalf("fake assigned update_id %d, the test expects 101", id)
	}
	h.tg.UserSends(41, "new")
	waitFor(t, "the new update handled", func() bool { _, d := h.inbox.counts(); return d == 2 })
	waitFor(t, "offset confirmed", func() bool { return h.tg.Pending() == 0 })
	if evs := h.dlg.seen(); len(evs) != 1 || evs[0].Text != "new" {
		t.Fatalf("dialogue saw %+v, want only the new update", evs)
	}
}

// TestPollingHandlesAnUpdateSavedByAFailedCall: a save may commit and
// still fail (etcd's "request timed out" across a leader change). The
// poller does not confirm the offset, Telegram delivers the update again,
// the inbox has it already: it must still be handled, once, by this Run.
func TestPollingHandlesAnUpdateSavedByAFailedCall(t *testing.T) {
	h := newHarness(t)
	h.inbox.lostAnswers = 1
	h.start(t)
	h.tg.UserSends(61, "hi")
	waitFor(t, "the update handled", func() bool { _, d := h.inbox.counts(); return d == 1 })
	waitFor(t, "offset confirmed", func() bool { return h.tg.Pending() == 0 })
	h.tg.UserSends(61, "again")
	waitFor(t, "the next update handled", func() bool { _, d := h.inbox.counts(); return d == 2 })
	if evs := h.dlg.seen(); len(evs) != 2 || evs[0].Text != "hi" || evs[1].Text != "again" {
		t.Fatalf("dialogue saw %+v, want hi then again, once each", evs)
	}
}

func TestPollingHonoursRetryAfter(t *testing.T) {
	h := newHarness(t)
	h.tg.Fail429("getUpdates", 1, 1)
	h.tg.UserSends(51, "hi")
	start := time.Now()
	h.start(t)
	waitFor(t, "update handled", func() bool { _, d := h.inbox.counts(); return d == 1 })
	// A lower bound only: the poller must not call again before retry_after.
	if el := time.Since(start); el < time.Second {
		t.Fatalf("handled %v after a 429 with retry_after 1", el)
	}
	if n := h.tg.Calls("getUpdates"); n < 2 {
		t.Fatalf("getUpdates called %d times", n)
	}
}
