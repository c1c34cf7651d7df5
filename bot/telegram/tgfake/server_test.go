package tgfake_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
)

func newClient(t *testing.T) (*tgfake.Server, *bot.Bot) {
	t.Helper()
	srv := tgfake.New(tgfake.Options{})
	t.Cleanup(srv.Close)
	b, err := bot.New(srv.Token, bot.WithServerURL(srv.URL()))
	if err != nil {
		t.Fatalf("bot.New (getMe against the fake): %v", err)
	}
	return srv, b
}

func TestSendLimits(t *testing.T) {
	srv, b := newClient(t)
	ctx := context.Background()
	srv.UserSends(7, "hi")
	kb := func(data string) models.ReplyMarkup {
		return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Go", CallbackData: data}}}}
	}
	tests := []struct {
		name    string
		params  bot.SendMessageParams
		wantErr string // "" means accepted
	}{
		{"plain", bot.SendMessageParams{Text: "hello"}, ""},
		{"html ok", bot.SendMessageParams{Text: "<b>a</b> &amp; <i>b</i> &#8377; x > y", ParseMode: models.ParseModeHTML}, ""},
		{"data 64 bytes", bot.SendMessageParams{Text: "k", ReplyMarkup: kb(strings.Repeat("é", 32))}, ""},
		{"data 65 bytes", bot.SendMessageParams{Text: "k", ReplyMarkup: kb(strings.Repeat("a", 63) + "é")}, "BUTTON_DATA_INVALID"},
		{"empty text", bot.SendMessageParams{Text: ""}, "message text is empty"},
		{"4096 chars", bot.SendMessageParams{Text: strings.Repeat("я", 4096)}, ""},
		{"4097 chars", bot.SendMessageParams{Text: strings.Repeat("a", 4097)}, "message is too long"},
		{"4096 after entities", bot.SendMessageParams{Text: strings.Repeat("&lt;", 4096), ParseMode: models.ParseModeHTML}, ""},
		{"unclosed tag", bot.SendMessageParams{Text: "<b>x", ParseMode: models.ParseModeHTML}, "can't parse entities"},
		{"bare ampersand", bot.SendMessageParams{Text: "a & b", ParseMode: models.ParseModeHTML}, "can't parse entities"},
		{"unknown tag", bot.SendMessageParams{Text: "<div>x</div>", ParseMode: models.ParseModeHTML}, "can't parse entities"},
		{"crossed tags", bot.SendMessageParams{Text: "<b><i>x</b></i>", ParseMode: models.ParseModeHTML}, "can't parse entities"},
		{"bare ampersand without parse mode", bot.SendMessageParams{Text: "a & b"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.params
			p.ChatID = int64(7)
			_, err := b.SendMessage(ctx, &p)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("got %v, want accepted", err)
				}
				return
			}
			if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want bad request %q", err, tt.wantErr)
			}
		})
	}
}

func TestSendToUnknownAndBlockedChat(t *testing.T) {
	srv, b := newClient(t)
	ctx := context.Background()
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(99), Text: "x"}); !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "chat not found") {
		t.Fatalf("unknown chat: got %v", err)
	}
	srv.UserSends(5, "hi")
	srv.BlockBot(5)
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(5), Text: "x"}); !errors.Is(err, bot.ErrorForbidden) {
		t.Fatalf("blocked: got %v, want forbidden", err)
	}
}

func TestEditAndTap(t *testing.T) {
	srv, b := newClient(t)
	ctx := context.Background()
	srv.UserSends(3, "/start")
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Yes", CallbackData: "y"}, {Text: "No", CallbackData: "n"}}}}
	m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(3), Text: "<b>Sure?</b>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb})
	if err != nil {
		t.Fatal(err)
	}
	edit := &bot.EditMessageTextParams{ChatID: int64(3), MessageID: m.ID, Text: "<b>Sure?</b>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb}
	if _, err := b.EditMessageText(ctx, edit); err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Fatalf("identical edit: got %v, want not modified", err)
	}
	if err := srv.UserTaps(3, "Maybe"); err == nil {
		t.Fatal("tapping a missing button succeeded")
	}
	if err := srv.UserTaps(3, "Yes"); err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.LastMessage(3); got.Plain != "Sure?" || got.Text != "<b>Sure?</b>" {
		t.Fatalf("got %v", got)
	}
	// Editing without reply_markup removes the keyboard, as Telegram does.
	edit.Text, edit.ReplyMarkup = "Done", nil
	if _, err := b.EditMessageText(ctx, edit); err != nil {
		t.Fatal(err)
	}
	got, _ := srv.LastMessage(3)
	if got.Edits != 1 || got.InlineKeyboard != nil || got.Plain != "Done" {
		t.Fatalf("after edit got %v edits=%d", got, got.Edits)
	}
	if err := srv.UserTaps(3, "Yes"); err == nil {
		t.Fatal("tap succeeded on a chat without keyboards")
	}
}

func TestGetUpdatesLongPollAndCallbackAnswer(t *testing.T) {
	srv, b := newClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv.UserSends(4, "hi")
	m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(4), Text: "pick", ReplyMarkup: &models.InlineKeyboardMarkup{
		InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "A", CallbackData: "a"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan *models.Update, 10)
	b2, err := bot.New(srv.Token, bot.WithServerURL(srv.URL()), bot.WithHTTPClient(2*time.Second, &http.Client{Timeout: 5 * time.Second}),
		bot.WithDefaultHandler(func(_ context.Context, _ *bot.Bot, u *models.Update) { got <- u }))
	if err != nil {
		t.Fatal(err)
	}
	go b2.Start(ctx)
	u := <-got // "hi", already queued
	if u.Message == nil || u.Message.Text != "hi" {
		t.Fatalf("first update %+v", u)
	}
	srv.UserTapsData(4, m.ID, "a") // arrives during a long poll
	u = <-got
	cq := u.CallbackQuery
	if cq == nil || cq.Data != "a" || cq.Message.Message == nil || cq.Message.Message.ID != m.ID {
		t.Fatalf("callback update %+v", u)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID, Text: "ok"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID}); err == nil || !strings.Contains(err.Error(), "query is too old") {
		t.Fatalf("second answer: got %v", err)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "nope"}); err == nil {
		t.Fatal("unknown query answered")
	}
	if n := len(srv.CallbackAnswers()); n != 3 {
		t.Fatalf("recorded %d answers, want 3", n)
	}
}

func Test429AndOutage(t *testing.T) {
	srv, b := newClient(t)
	ctx := context.Background()
	srv.UserSends(1, "hi")
	srv.Fail429("sendMessage", 1, 7)
	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(1), Text: "x"})
	var tmr *bot.TooManyRequestsError
	if !errors.As(err, &tmr) || tmr.RetryAfter != 7 {
		t.Fatalf("got %v, want 429 retry after 7", err)
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(1), Text: "x"}); err != nil {
		t.Fatalf("second send: %v", err)
	}
	srv.SetDown(true)
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(1), Text: "x"}); err == nil {
		t.Fatal("send during outage succeeded")
	}
	srv.SetDown(false)
	if got := srv.Calls("sendMessage"); got != 3 {
		t.Fatalf("calls %d, want 3", got)
	}
}

func TestFloodControl(t *testing.T) {
	srv, b := newClient(t)
	ctx := context.Background()
	srv.UserSends(1, "hi")
	srv.EnforceRateLimit(true)
	var limited int
	for range 6 {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(1), Text: "x"})
		var tmr *bot.TooManyRequestsError
		if errors.As(err, &tmr) {
			limited++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	// A burst of 3 passes; at most one more token refills during the loop.
	if limited < 2 {
		t.Fatalf("%d of 6 immediate sends limited, want at least 2", limited)
	}
}

func TestFileRoundTrip(t *testing.T) {
	srv, b := newClient(t)
	ctx := context.Background()
	data := []byte("%PDF-1.4 invoice")
	srv.UserSendsDocument(2, "invoice.pdf", "application/pdf", data)
	srv.UserSendsPhoto(2, []byte("jpegdata-full"), "")
	var ids []string
	// Read the queued updates with a raw getUpdates call.
	resp, err := http.Post(srv.URL()+"/bot"+srv.Token+"/getUpdates", "application/json", strings.NewReader(`{"timeout":0}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, part := range strings.Split(string(body), `"file_id":"`)[1:] {
		ids = append(ids, part[:strings.IndexByte(part, '"')])
	}
	if len(ids) != 3 { // the document and two photo sizes
		t.Fatalf("file ids %v in %s", ids, body)
	}
	f, err := b.GetFile(ctx, &bot.GetFileParams{FileID: ids[0]})
	if err != nil {
		t.Fatal(err)
	}
	dl, err := http.Get(b.FileDownloadLink(f))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(dl.Body)
	dl.Body.Close()
	if string(got) != string(data) || f.FileSize != int64(len(data)) {
		t.Fatalf("downloaded %q size %d", got, f.FileSize)
	}
	if _, err := b.GetFile(ctx, &bot.GetFileParams{FileID: "nope"}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Fatalf("unknown file: %v", err)
	}
}

func TestWebhookConflictAndCommands(t *testing.T) {
	srv, b := newClient(t)
	ctx := context.Background()
	if _, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: "http://127.0.0.1:1/hook", SecretToken: "s3cr3t"}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(srv.URL()+"/bot"+srv.Token+"/getUpdates", "application/x-www-form-urlencoded", strings.NewReader("timeout=0"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("getUpdates with a webhook: status %d, want 409", resp.StatusCode)
	}
	if _, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); err != nil {
		t.Fatal(err)
	}
	ok := []models.BotCommand{{Command: "refund", Description: "Ask for a refund"}}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: ok, LanguageCode: "hi"}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands("hi"); len(got) != 1 || got[0].Command != "refund" {
		t.Fatalf("commands %v", got)
	}
	for _, bad := range []models.BotCommand{{Command: "Refund", Description: "x"}, {Command: strings.Repeat("a", 33), Description: "x"}, {Command: "ok", Description: ""}} {
		if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{bad}}); !errors.Is(err, bot.ErrorBadRequest) {
			t.Errorf("command %+v: got %v, want bad request", bad, err)
		}
	}
}
