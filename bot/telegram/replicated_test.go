package telegram_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/telegram"
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
	post := func(a *telegram.Adapter, id int, text string) {
		t.Helper()
		body := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":1700000000,"chat":{"id":31,"type":"private"},"from":{"id":31,"is_bot":false,"first_name":"A"},"text":%q}}`, id, id, text)
		req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", bytes.NewReader([]byte(body)))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret-Token_1")
		rec := httptest.NewRecorder()
		a.WebhookHandler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("update %d: status %d, want 200", id, rec.Code)
		}
	}
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
