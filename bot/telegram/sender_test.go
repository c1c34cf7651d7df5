package telegram_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
	"github.com/rockerstop/refundbot/conversations"
)

func newSender(t *testing.T) (*tgfake.Server, *telegram.Sender) {
	t.Helper()
	tg := tgfake.New(tgfake.Options{})
	t.Cleanup(tg.Close)
	s, err := telegram.NewSender(telegram.Options{Token: tg.Token, APIURL: tg.URL()})
	if err != nil {
		t.Fatal(err)
	}
	return tg, s
}

func reply(chat int64, r conversations.Reply) conversations.OutboxMessage {
	return conversations.OutboxMessage{ID: 7, Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, Recipient: fmt.Sprint(chat), Reply: &r}
}

func TestSendHTMLAndKeyboards(t *testing.T) {
	tg, s := newSender(t)
	ctx := context.Background()
	tg.UserSends(1, "/start")
	name := `<Ravi & "Sons">`
	buttons := [][]conversations.Button{{{Text: "Approve", Data: "c:RF-1:ok"}}, {{Text: "Edit", Data: strings.Repeat("x", 64)}}}
	ref, err := s.Send(ctx, reply(1, conversations.Reply{Text: "<b>Hello</b> " + conversations.EscapeHTML(name), Buttons: buttons}))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := tg.LastMessage(1)
	if fmt.Sprint(m.ID) != ref || m.Plain != "Hello "+name || m.ParseMode != "HTML" || !m.LinkPreviewDisabled {
		t.Fatalf("sent %v (ref %s, parse mode %q, preview off %v)", m, ref, m.ParseMode, m.LinkPreviewDisabled)
	}
	want := [][]tgfake.Button{{{Text: "Approve", Data: "c:RF-1:ok"}}, {{Text: "Edit", Data: strings.Repeat("x", 64)}}}
	if !reflect.DeepEqual(m.InlineKeyboard, want) {
		t.Fatalf("keyboard %v", m.InlineKeyboard)
	}

	// Edit in place; the same edit again is "not modified", still success.
	edit := conversations.Reply{Text: "Step 2", Buttons: buttons[:1], EditMessageID: m.ID}
	for range 2 {
		got, err := s.Send(ctx, reply(1, edit))
		if err != nil || got != ref {
			t.Fatalf("edit: ref %s err %v", got, err)
		}
	}
	if m, _ = tg.LastMessage(1); m.Edits != 1 || m.Plain != "Step 2" || len(m.InlineKeyboard) != 1 {
		t.Fatalf("after edits %v edits=%d", m, m.Edits)
	}
	// A message that cannot be edited any more is sent anew.
	got, err := s.Send(ctx, reply(1, conversations.Reply{Text: "Fresh", EditMessageID: 999}))
	if err != nil || got == ref {
		t.Fatalf("edit fallback: ref %s err %v", got, err)
	}

	if _, err := s.Send(ctx, reply(1, conversations.Reply{Text: "Share your phone", RequestContact: true, ContactLabel: "Share"})); err != nil {
		t.Fatal(err)
	}
	if m, _ = tg.LastMessage(1); len(m.ReplyKeyboard) != 1 || !m.ReplyKeyboard[0][0].RequestContact || m.ReplyKeyboard[0][0].Text != "Share" {
		t.Fatalf("contact keyboard %+v", m.ReplyKeyboard)
	}
	if _, err := s.Send(ctx, reply(1, conversations.Reply{Text: "Thanks", RemoveKeyboard: true})); err != nil {
		t.Fatal(err)
	}
	if m, _ = tg.LastMessage(1); !m.RemoveKeyboard {
		t.Fatalf("keyboard not removed: %+v", m)
	}
}

func TestSendErrorsClassified(t *testing.T) {
	tg, s := newSender(t)
	ctx := context.Background()
	tg.UserSends(1, "hi")
	tg.UserSends(2, "hi")
	tg.BlockBot(2)
	type want struct {
		retryAfter time.Duration
		permanent  bool
	}
	tests := []struct {
		name  string
		setup func()
		msg   conversations.OutboxMessage
		want  want
	}{
		{"65-byte button data", nil, reply(1, conversations.Reply{Text: "x", Buttons: [][]conversations.Button{{{Text: "B", Data: strings.Repeat("x", 65)}}}}), want{0, true}},
		{"bad HTML", nil, reply(1, conversations.Reply{Text: "a & b"}), want{0, true}},
		{"429", func() { tg.Fail429("sendMessage", 1, 5) }, reply(1, conversations.Reply{Text: "x"}), want{5 * time.Second, false}},
		{"blocked", nil, reply(2, conversations.Reply{Text: "x"}), want{0, true}},
		{"chat not found", nil, reply(3, conversations.Reply{Text: "x"}), want{0, true}},
		{"outage", func() { tg.SetDown(true) }, reply(1, conversations.Reply{Text: "x"}), want{0, false}},
		{"bad recipient", nil, conversations.OutboxMessage{Kind: conversations.OutTelegramReply, Recipient: "@x", Reply: &conversations.Reply{Text: "x"}}, want{0, true}},
		{"wrong kind", nil, conversations.OutboxMessage{Kind: conversations.OutSlackCard, Recipient: "1"}, want{0, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer tg.SetDown(false)
			if tt.setup != nil {
				tt.setup()
			}
			_, err := s.Send(ctx, tt.msg)
			if err == nil {
				t.Fatal("send succeeded")
			}
			ra, perm := telegram.Classify(fmt.Errorf("outbox: %w", err)) // wrapped, as the worker may
			if ra != tt.want.retryAfter || perm != tt.want.permanent {
				t.Fatalf("Classify(%v) = %v, %v; want %v, %v", err, ra, perm, tt.want.retryAfter, tt.want.permanent)
			}
		})
	}
	if ra, perm := telegram.Classify(nil); ra != 0 || perm {
		t.Errorf("Classify(nil) = %v, %v", ra, perm)
	}
	if ra, _ := telegram.Classify(&bot.TooManyRequestsError{}); ra != time.Second {
		t.Errorf("429 without retry_after waits %v, want 1s", ra)
	}
}

func TestPacerAvoidsFloodControl(t *testing.T) {
	tg, s := newSender(t)
	const chats = 20
	for c := int64(1); c <= chats; c++ {
		tg.UserSends(c, "hi")
	}
	tg.EnforceRateLimit(true)
	send := func(p *telegram.Pacer) (limited int) { // 2 messages to each chat
		var mu sync.Mutex
		var wg sync.WaitGroup
		for c := int64(1); c <= chats; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 2 {
					if p != nil {
						if err := p.Wait(context.Background(), c); err != nil {
							t.Error(err)
						}
					}
					_, err := s.Send(context.Background(), reply(c, conversations.Reply{Text: "note"}))
					if ra, _ := telegram.Classify(err); ra > 0 {
						mu.Lock()
						limited++
						mu.Unlock()
					} else if err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		return limited
	}
	if got := send(telegram.NewPacer()); got != 0 {
		t.Fatalf("paced: %d sends hit 429", got)
	}
	tg.UserSends(100, "hi")
	limited := 0
	for range 6 { // unpaced, one chat: over the burst of 3
		_, err := s.Send(context.Background(), reply(100, conversations.Reply{Text: "note"}))
		if ra, _ := telegram.Classify(err); ra > 0 {
			limited++
		}
	}
	if limited == 0 {
		t.Fatal("6 unpaced sends to one chat were never limited: the fake does not enforce")
	}
}

// One keyboard stays live per chat: a new message with buttons removes
// the buttons of the one before; messages without buttons leave it be.
func TestSendKeepsOneLiveKeyboard(t *testing.T) {
	tg, s := newSender(t)
	ctx := context.Background()
	tg.UserSends(5, "/refund")
	btn := func(label string) [][]conversations.Button {
		return [][]conversations.Button{{{Text: label, Data: "1:" + label}}}
	}
	send := func(r conversations.Reply) int {
		t.Helper()
		ref, err := s.Send(ctx, reply(5, r))
		if err != nil {
			t.Fatal(err)
		}
		var id int
		fmt.Sscan(ref, &id)
		return id
	}
	buttons := func(id int) int {
		for _, m := range tg.BotMessages(5) {
			if m.ID == id {
				return len(m.InlineKeyboard)
			}
		}
		t.Fatalf("no message %d", id)
		return 0
	}
	a := send(conversations.Reply{Text: "Choose a reason", Buttons: btn("Invalid")})
	notice := send(conversations.Reply{Text: "An unrelated notice"})
	if buttons(a) != 1 {
		t.Fatal("a message without buttons removed the live keyboard")
	}
	b := send(conversations.Reply{Text: "Send the lead IDs", Buttons: btn("Done")})
	if buttons(a) != 0 || buttons(b) != 1 || buttons(notice) != 0 {
		t.Fatalf("after a new keyboard: old %d, new %d buttons; want 0 and 1", buttons(a), buttons(b))
	}
	edits := tg.Calls("editMessageReplyMarkup")
	send(conversations.Reply{Text: "Submitted", EditMessageID: b}) // the live one loses its buttons by edit
	send(conversations.Reply{Text: "Next", Buttons: btn("Go")})
	if got := tg.Calls("editMessageReplyMarkup"); got != edits {
		t.Fatalf("%d extra markup edits for a keyboard already gone, want none", got-edits)
	}
}

// TestSenderKeepsConnectionsAlive: the outbox sends up to 64 messages at
// once; the default client keeps that many connections to the API alive
// between bursts instead of net/http's 2, so five bursts of 64 open about
// 64 connections, not one per message (on the real API each is a TLS
// handshake).
func TestSenderKeepsConnectionsAlive(t *testing.T) {
	tg, s := newSender(t)
	ctx := context.Background()
	const inFlight, bursts = telegram.IdleConnsPerHost, 5
	for chat := range int64(inFlight) {
		tg.UserSends(chat+1, "/start")
	}
	for b := range bursts {
		var wg sync.WaitGroup
		errs := make(chan error, inFlight)
		for chat := range int64(inFlight) {
			wg.Go(func() {
				if _, err := s.Send(ctx, reply(chat+1, conversations.Reply{Text: fmt.Sprintf("burst %d", b)})); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for chat := range int64(inFlight) {
		if m, _ := tg.LastMessage(chat + 1); m.Plain != fmt.Sprintf("burst %d", bursts-1) {
			t.Fatalf("chat %d last reads %q, want the last burst", chat+1, m.Plain)
		}
	}
	// Each burst may dial a few beyond the idle ones while a connection
	// is on its way back to the pool; 2 idle a host would dial ~300.
	if n := tg.Connections(); n > 2*inFlight {
		t.Fatalf("%d bursts of %d messages opened %d connections; want at most %d (connections kept alive)", bursts, inFlight, n, 2*inFlight)
	}
	t.Logf("%d messages over %d connections", bursts*inFlight, tg.Connections())
}

// TestSenderSendsBodiesWhole: the library streams each request's form
// through a pipe; the default client sends it in one piece with its length
// (not chunked, a write per chunk), and the message arrives intact.
func TestSenderSendsBodiesWhole(t *testing.T) {
	tg, s := newSender(t)
	tg.UserSends(1, "/start")
	text := "<b>Refund</b> of 50 coins &amp; more: " + strings.Repeat("é", 1000)
	buttons := [][]conversations.Button{{{Text: "Open", Data: "c:RF-1:open"}}}
	if _, err := s.Send(context.Background(), reply(1, conversations.Reply{Text: text, Buttons: buttons})); err != nil {
		t.Fatal(err)
	}
	m, ok := tg.LastMessage(1)
	if !ok || !strings.HasSuffix(m.Plain, strings.Repeat("é", 1000)) || len(m.InlineKeyboard) != 1 || m.InlineKeyboard[0][0].Data != "c:RF-1:open" {
		t.Fatalf("message arrived as %+v", m)
	}
	if n := tg.ChunkedRequests(); n != 0 {
		t.Fatalf("%d requests sent chunked; want every body sent whole", n)
	}
}
