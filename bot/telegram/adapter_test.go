package telegram_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

func TestEventsFromUpdates(t *testing.T) {
	h := newHarness(t)
	h.opts.MaxFileBytes = 10 << 20
	h.dlg.fetch = true
	h.opts.Commands = map[string][]telegram.Command{
		"":   {{Name: "refund", Description: "Ask for a refund"}, {Name: "status", Description: "Your cases"}},
		"hi": {{Name: "refund", Description: "रिफंड माँगें"}},
	}
	h.start(t)
	const u = 11
	h.tg.SetUserLanguage(u, "hi")
	h.tg.UserSharesContact(u, "+91 98765 43210", u, false)
	h.tg.UserSharesContact(u, "919876500000", 42, true)
	h.tg.UserSends(u, "/refund@RefundBot   RF-12 now")
	h.tg.UserSends(u, "привет /help")
	album := [][]byte{[]byte("shot-one"), []byte("shot-two"), []byte("shot-three")}
	for _, p := range album {
		h.tg.UserSendsPhoto(u, p, "album-1")
	}
	h.tg.UserSendsDocument(u, "huge.pdf", "application/pdf", make([]byte, 30<<20))
	h.tg.UserSendsDocument(u, "notes.zip", "application/zip", []byte("PK"))
	h.tg.UserSendsSticker(u)
	h.tg.UserSendsVoice(u)

	evs := waitEvents(t, h.dlg, 11)
	for i, ev := range evs {
		if ev.ChatID != u || ev.UserID != u || ev.LanguageCode != "hi" {
			t.Errorf("event %+v: chat/user/language wrong", ev)
		}
		// The event names its update, so the step's commit marks it handled.
		if ev.Source != conversations.Telegram || (i > 0 && ev.UpdateID <= evs[i-1].UpdateID) {
			t.Errorf("event %d names update %s/%d after %d", i, ev.Source, ev.UpdateID, evs[max(i-1, 0)].UpdateID)
		}
	}
	if c := evs[0].Contact; evs[0].Kind != conversations.EvContact || c.Phone != "+91 98765 43210" || c.UserID != u || c.Forwarded {
		t.Errorf("own contact: got %+v %+v", evs[0], c)
	}
	if c := evs[1].Contact; c == nil || !c.Forwarded || c.UserID != 42 {
		t.Errorf("forwarded contact: got %+v", c)
	}
	if ev := evs[2]; ev.Kind != conversations.EvCommand || ev.Command != "refund" || ev.Args != "RF-12 now" {
		t.Errorf("command: got %+v", ev)
	}
	if ev := evs[3]; ev.Kind != conversations.EvText || ev.Text != "привет /help" {
		t.Errorf("text with a later command: got %+v", ev)
	}
	for i, data := range album {
		ev := evs[4+i]
		sum := sha256.Sum256(data)
		want := hex.EncodeToString(sum[:])
		if ev.Kind != conversations.EvFile || ev.File == nil || ev.File.SHA256 != want || ev.File.Kind != conversations.EvidencePhoto || ev.File.Size != int64(len(data)) {
			t.Fatalf("photo %d: got %+v file %+v", i, ev, ev.File)
		}
		onDisk, err := os.ReadFile(filepath.Join(h.opts.EvidenceDir, want))
		if err != nil || !bytes.Equal(onDisk, data) {
			t.Errorf("photo %d on disk: %q, %v", i, onDisk, err)
		}
	}
	if ev := evs[7]; ev.FileError != conversations.FileTooBig || ev.File != nil {
		t.Errorf("30 MB document: got %+v", ev)
	}
	if got := h.tg.Calls("getFile"); got != 3 {
		t.Errorf("getFile called %d times, want 3 (the big document must not be fetched)", got)
	}
	if ev := evs[8]; ev.FileError != conversations.FileWrongType {
		t.Errorf("zip: got %+v", ev)
	}
	if ev := evs[9]; ev.Kind != conversations.EvUnsupported || ev.Text != "sticker" {
		t.Errorf("sticker: got %+v", ev)
	}
	if ev := evs[10]; ev.Kind != conversations.EvUnsupported || ev.Text != "voice" {
		t.Errorf("voice: got %+v", ev)
	}
	waitFor(t, "updates marked done", func() bool { s, d := h.inbox.counts(); return s == 11 && d == 11 })
	if got := h.tg.Commands(""); len(got) != 2 || got[1].Command != "status" {
		t.Errorf("default commands %+v", got)
	}
	if got := h.tg.Commands("hi"); len(got) != 1 || got[0].Description != "रिफंड माँगें" {
		t.Errorf("hindi commands %+v", got)
	}
	if n := len(h.dlg.seen()); n != 11 {
		t.Errorf("dialogue saw %d events, want 11", n)
	}
	entries, _ := os.ReadDir(h.opts.EvidenceDir)
	if len(entries) != 3 {
		t.Errorf("evidence dir holds %d files, want the 3 photos only", len(entries))
	}
}

func TestCallbackAnsweredOnce(t *testing.T) {
	h := newHarness(t)
	h.dlg.fn = func(_ context.Context, ev conversations.Event) (conversations.Result, error) {
		switch ev.Data {
		case "ok":
			return conversations.Result{CallbackText: "Noted"}, nil
		case "fail":
			return conversations.Result{}, errors.New("storage unavailable")
		}
		return conversations.Result{}, nil
	}
	a, _ := h.start(t)
	const u = 12
	h.tg.UserSends(u, "/start")
	waitEvents(t, h.dlg, 1)
	ref, err := a.Sender().Send(context.Background(), conversations.OutboxMessage{
		ID: 1, Kind: conversations.OutTelegramReply, Recipient: fmt.Sprint(u),
		Reply: &conversations.Reply{Text: "Pick", Buttons: [][]conversations.Button{{{Text: "OK", Data: "ok"}, {Text: "Fail", Data: "fail"}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.tg.UserTaps(u, "OK"); err != nil {
		t.Fatal(err)
	}
	if err := h.tg.UserTaps(u, "Fail"); err != nil {
		t.Fatal(err)
	}
	h.tg.UserTapsData(u, 999, "stale")
	evs := waitEvents(t, h.dlg, 4)
	if ev := evs[1]; ev.Kind != conversations.EvCallback || ev.Data != "ok" || fmt.Sprint(ev.MessageID) != ref || ev.CallbackID == "" {
		t.Errorf("callback event %+v, message ref %s", ev, ref)
	}
	if ev := evs[3]; ev.MessageID != 999 || ev.ChatID != u {
		t.Errorf("stale callback event %+v", ev)
	}
	waitFor(t, "3 answers", func() bool { return len(h.tg.CallbackAnswers()) >= 3 })
	waitFor(t, "all done", func() bool { _, d := h.inbox.counts(); return d == 4 })
	answers := h.tg.CallbackAnswers()
	perQuery := map[string]int{}
	for _, ans := range answers {
		if ans.Err != "" {
			t.Errorf("answer refused: %+v", ans)
		}
		perQuery[ans.QueryID]++
	}
	if len(answers) != 3 || len(perQuery) != 3 {
		t.Fatalf("answers %+v, want one per query", answers)
	}
	if answers[0].Text != "Noted" || answers[1].Text != "" {
		t.Errorf("answer texts %q, %q", answers[0].Text, answers[1].Text)
	}
	if last, _ := h.tg.LastMessage(u); last.Plain != h.opts.ApologyText {
		t.Errorf("after a failing step the last message is %v, want the apology", last)
	}
}

func TestPanicGetsApologyAndAdapterContinues(t *testing.T) {
	h := newHarness(t)
	h.dlg.fn = func(_ context.Context, ev conversations.Event) (conversations.Result, error) {
		if ev.Text == "boom" {
			var m map[string]int
			m["x"]++ // a nil-map write: a real runtime panic
		}
		return conversations.Result{}, nil
	}
	h.start(t)
	h.tg.UserSends(13, "boom")
	h.tg.UserSends(13, "after")
	waitFor(t, "both updates done", func() bool { _, d := h.inbox.counts(); return d == 2 })
	evs := h.dlg.seen()
	if len(evs) != 1 || evs[0].Text != "after" {
		t.Fatalf("recorded %+v, want only the update after the panic", evs)
	}
	bot := h.tg.BotMessages(13)
	if len(bot) != 1 || bot[0].Plain != h.opts.ApologyText {
		t.Fatalf("bot messages %v, want one apology", bot)
	}
}

func TestNewValidatesOptions(t *testing.T) {
	tests := []telegram.Options{
		{EvidenceDir: "x"},
		{Token: "1:a"},
		{Token: "1:a", EvidenceDir: "x", Mode: "push"},
		{Token: "1:a", EvidenceDir: "x", Mode: telegram.ModeWebhook, WebhookURL: "https://h/t"},
	}
	for _, o := range tests {
		if _, err := telegram.New(o, &recDialogue{}, newInbox()); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		}
	}
}

// TestUpdateHandledElsewhereSaysNothing: a step refused because another
// handling of its update committed first (ErrInboundHandled) gets no
// apology and no second answer to its button: the first handling
// answered both.
func TestUpdateHandledElsewhereSaysNothing(t *testing.T) {
	h := newHarness(t)
	h.dlg.fn = func(_ context.Context, ev conversations.Event) (conversations.Result, error) {
		if ev.Kind == conversations.EvCallback || ev.Text == "again" {
			return conversations.Result{CallbackText: "never shown"}, fmt.Errorf("dialogue step: %w", conversations.ErrInboundHandled)
		}
		return conversations.Result{}, nil
	}
	a, _ := h.start(t)
	const u = 14
	h.tg.UserSends(u, "/start")
	waitEvents(t, h.dlg, 1)
	if _, err := a.Sender().Send(context.Background(), conversations.OutboxMessage{
		ID: 1, Kind: conversations.OutTelegramReply, Recipient: fmt.Sprint(u),
		Reply: &conversations.Reply{Text: "Pick", Buttons: [][]conversations.Button{{{Text: "OK", Data: "ok"}}}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := h.tg.UserTaps(u, "OK"); err != nil {
		t.Fatal(err)
	}
	h.tg.UserSends(u, "again")
	h.tg.UserSends(u, "last")
	waitEvents(t, h.dlg, 4)
	if bot := h.tg.BotMessages(u); len(bot) != 1 || bot[0].Plain != "Pick" {
		t.Fatalf("bot messages %v, want only the keyboard (no apology)", bot)
	}
	if answers := h.tg.CallbackAnswers(); len(answers) != 0 {
		t.Fatalf("callback answers %+v, want none from the second handling", answers)
	}
}

// TestUnconfirmedStepSaysItMayHaveGoneThrough: a step whose commit the
// store could not confirm (ErrOutcomeUnknown) may have gone through: the
// provider is told so, in their client's language, not that it failed.
func TestUnconfirmedStepSaysItMayHaveGoneThrough(t *testing.T) {
	h := newHarness(t)
	h.dlg.fn = func(_ context.Context, ev conversations.Event) (conversations.Result, error) {
		if ev.Text == "submit" {
			return conversations.Result{}, fmt.Errorf("submit case: %w: %w", conversations.ErrOutcomeUnknown, errors.New("etcdserver: request timed out"))
		}
		return conversations.Result{}, nil
	}
	h.start(t)
	const u = 15
	h.tg.SetUserLanguage(u, "hi")
	h.tg.UserSends(u, "submit")
	waitFor(t, "the update done", func() bool { _, d := h.inbox.counts(); return d == 1 })
	want := policy.Text(policy.LangHindi, policy.KeyTelegramUnconfirmed, nil)
	waitFor(t, "a message to the provider", func() bool { return len(h.tg.BotMessages(u)) > 0 })
	if bot := h.tg.BotMessages(u); len(bot) != 1 || bot[0].Plain != want {
		t.Fatalf("bot messages %v, want only %q", bot, want)
	}
}
