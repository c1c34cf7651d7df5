package telegram_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/conversations"
)

// BenchmarkWebhookStep measures one provider step through the adapter:
// webhook call → saved → dialogue → reply sent to the (fake) API.
func BenchmarkWebhookStep(b *testing.B) {
	h := newHarness(b)
	h.opts.Mode = telegram.ModeWebhook
	h.opts.WebhookURL = "http://127.0.0.1:1/unused"
	h.opts.WebhookSecret = "bench"
	h.opts.EvidenceDir = b.TempDir()
	var a *telegram.Adapter
	stepDone := make(chan struct{}, 1)
	h.dlg.fn = func(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
		_, err := a.Sender().Send(ctx, conversations.OutboxMessage{Kind: conversations.OutTelegramReply, Recipient: fmt.Sprint(ev.ChatID), Reply: &conversations.Reply{Text: "<b>ok</b>"}})
		stepDone <- struct{}{}
		return conversations.Result{}, err
	}
	var err error
	if a, err = telegram.New(h.opts, h.dlg, h.inbox); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() { cancel(); <-done }()
	h.tg.UserSends(1, "open the chat")
	handler := a.WebhookHandler()
	for h.tg.Calls("setWebhook") == 0 {
		time.Sleep(time.Millisecond)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		body := fmt.Appendf(nil, `{"update_id":%d,"message":{"message_id":%d,"date":1700000000,"chat":{"id":1,"type":"private"},"from":{"id":1,"is_bot":false,"first_name":"A"},"text":"step"}}`, 10000+i, i+1)
		req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", bytes.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "bench")
		start := time.Now()
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
		<-stepDone
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
