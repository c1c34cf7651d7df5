package telegram_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/conversations"
)

// TestWebhookReplicated: two replicas on one store, a follower (never
// Run) and a leader. Both webhooks save and answer 200, the follower's
// before any leader runs too; only the leader hands updates to the
// dialogue, in update order within the chat whichever replica took them.
func TestWebhookReplicated(t *testing.T) {
	h := newHarness(t)
	h.opts.Mode = telegram.ModeWebhook
	h.opts.WebhookURL = "https://bot.example/telegram/webhook"
	h.opts.WebhookSecret = "s3cret-Token_1"
	h.opts.Replicated, h.opts.PendingPoll = true, 20*time.Millisecond
	follower, err := telegram.New(h.opts, h.dlg, h.inbox)
	if err != nil {
		t.Fatal(err)
	}
	post := func(a *telegram.Adapter, id int, text string) { postWebhookText(t, a, 31, id, text) }
	post(follower, 7001, "one") // no leader yet: saved, not handled
	time.Sleep(50 * time.Millisecond)
	if s, d := h.inbox.counts(); s != 1 || d != 0 || len(h.dlg.seen()) != 0 {
		t.Fatalf("before a leader: %d saved, %d done, %d seen; want 1, 0, 0", s, d, len(h.dlg.seen()))
	}
	leader, stop := h.start(t)
	defer stop()
	post(leader, 7002, "two")
	post(follower, 7003, "three")
	post(leader, 7004, "four")
	waitFor(t, "four updates handled", func() bool { _, d := h.inbox.counts(); return d == 4 })
	var got []string
	for _, ev := range h.dlg.seen() {
		got = append(got, ev.Text)
	}
	if fmt.Sprint(got) != "[one two three four]" {
		t.Fatalf("the dialogue saw %v, want one two three four once each, in order", got)
	}
}

// heldInbox holds one read of the pending updates: hold runs after the
// read, before its answer returns to the adapter.
type heldInbox struct {
	*memInbox
	hold func()
}

func (h *heldInbox) PendingInbound(ctx context.Context) ([]conversations.Inbound, error) {
	pending, err := h.memInbox.PendingInbound(ctx)
	h.hold()
	return pending, err
}

// TestWebhookReplicatedReadRacingAHandler: the leader reads the pending
// updates while update 1 is being handled; the handler finishes (the
// update marked handled, the chat's next update started) before the read
// is queued. The stale read must not queue update 1 again: the dialogue
// sees each update once.
func TestWebhookReplicatedReadRacingAHandler(t *testing.T) {
	h := newHarness(t)
	h.opts.Mode = telegram.ModeWebhook
	h.opts.WebhookURL = "https://bot.example/telegram/webhook"
	h.opts.WebhookSecret = "s3cret-Token_1"
	h.opts.Replicated, h.opts.PendingPoll = true, 5*time.Millisecond
	started1, release, started2 := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var once1, once2, holdOnce sync.Once
	h.dlg.fn = func(_ context.Context, ev conversations.Event) (conversations.Result, error) {
		switch ev.UpdateID {
		case 8001:
			once1.Do(func() { close(started1); <-release })
		case 8002:
			once2.Do(func() { close(started2) })
		}
		return conversations.Result{}, nil
	}
	inbox := &heldInbox{memInbox: h.inbox, hold: func() {
		select {
		case <-started1:
		default:
			return // update 1 not in flight yet
		}
		holdOnce.Do(func() {
			close(release) // update 1's handler finishes now ...
			<-started2     // ... and its chat moved on to update 2
		})
	}}
	a, err := telegram.New(h.opts, h.dlg, inbox)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() { cancel(); <-done }()
	post := func(id int, text string) { postWebhookText(t, a, 32, id, text) }
	post(8001, "one")
	post(8002, "two")
	<-started2
	post(8003, "three") // a duplicate of one would be queued before it
	waitFor(t, "three handled", func() bool {
		evs := h.dlg.seen()
		return len(evs) > 0 && evs[len(evs)-1].Text == "three"
	})
	var got []string
	for _, ev := range h.dlg.seen() {
		got = append(got, ev.Text)
	}
	if fmt.Sprint(got) != "[one two three]" {
		t.Fatalf("the dialogue saw %v, want one two three once each", got)
	}
}

// postWebhookText posts update id, a private text message of chat, to a's
// webhook with its secret and fails unless it is answered 200.
func postWebhookText(t *testing.T, a *telegram.Adapter, chat int64, id int, text string) {
	t.Helper()
	body := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":1700000000,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"A"},"text":%q}}`, id, id, chat, chat, text)
	req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", bytes.NewReader([]byte(body)))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret-Token_1")
	rec := httptest.NewRecorder()
	a.WebhookHandler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("update %d: status %d, want 200", id, rec.Code)
	}
}
