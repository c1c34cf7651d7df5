package tgfake_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func TestCommandEntitiesUseUTF16(t *testing.T) {
	srv, _ := newClient(t)
	srv.UserSends(1, "/start@RefundBot x")
	srv.UserSends(1, "привет /help")
	srv.UserSends(1, "😀 /status")
	resp, err := http.Post(srv.URL()+"/bot"+srv.Token+"/getUpdates", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct{ Result []models.Update }
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatal(err)
	}
	want := []models.MessageEntity{
		{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 16},
		{Type: models.MessageEntityTypeBotCommand, Offset: 7, Length: 5},
		{Type: models.MessageEntityTypeBotCommand, Offset: 3, Length: 7}, // the emoji is 2 UTF-16 units
	}
	for i, u := range env.Result {
		if got := u.Message.Entities; len(got) != 1 || got[0] != want[i] {
			t.Errorf("update %d entities %+v, want %+v", i, got, want[i])
		}
	}
}

func TestWebhookDeliveryRetries(t *testing.T) {
	srv, b := newClient(t)
	var calls atomic.Int32
	got := make(chan string, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != "sec" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		body, _ := io.ReadAll(r.Body)
		got <- string(body)
	}))
	defer hook.Close()
	if _, err := b.SetWebhook(context.Background(), &bot.SetWebhookParams{URL: hook.URL, SecretToken: "sec"}); err != nil {
		t.Fatal(err)
	}
	srv.UserSends(9, "hello")
	if body := <-got; !strings.Contains(body, `"text":"hello"`) {
		t.Fatalf("delivered %s", body)
	}
	for srv.Pending() != 0 {
		time.Sleep(time.Millisecond)
	}
	if ok, failed := srv.WebhookDeliveries(); ok != 1 || failed != 1 {
		t.Fatalf("deliveries ok=%d failed=%d, want 1 and 1", ok, failed)
	}
}
