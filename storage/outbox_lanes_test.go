package storage

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
)

func sl(kind conversations.OutboxKind, caseID, text string) conversations.OutboxMessage {
	return conversations.OutboxMessage{Transport: conversations.Slack, Kind: kind, Recipient: "C1", CaseID: caseID, Text: text, CreatedAt: t0}
}

func heads(ms []conversations.OutboxMessage) string {
	var out []string
	for _, m := range ms {
		s := string(m.Kind) + ":" + m.CaseID + m.Text
		if len(m.Covers) > 0 {
			s += "+" + strings.Repeat("u", len(m.Covers))
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// The outbox hands out one head per lane, most urgent first: card updates
// and Telegram before cards, cards before thread messages; a case's thread
// waits for its card; a card's later updates ride on its head.
func TestOutboxLanesAndUrgency(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	u := conversations.OutSlackCardUpdate
	must(t, db.Enqueue(ctx,
		sl(conversations.OutSlackCard, "RF-1", ""), sl(conversations.OutSlackUpload, "RF-1", ""),
		sl(conversations.OutSlackCard, "RF-2", ""), sl(conversations.OutSlackThread, "RF-2", "t1"),
		sl(u, "RF-1", ""), sl(u, "RF-1", ""), tg("A", "a1")))
	due, err := db.DueOutbox(ctx, t0, 0)
	if err != nil {
		t.Fatal(err)
	}
	// RF-1's card carries its two updates; no thread yet: no card is posted.
	if got, want := heads(due), "tg_reply:a1 slack_card:RF-1+uu slack_card:RF-2"; got != want {
		t.Fatalf("due %q, want %q", got, want)
	}
	must(t, db.OutboxSent(ctx, due[1].ID, t0, "ts-1"))
	for _, id := range due[1].Covers {
		must(t, db.OutboxSent(ctx, id, t0, "ts-1"))
	}
	must(t, db.Enqueue(ctx, sl(conversations.OutSlackThread, "RF-1", "t2"), sl(u, "RF-2", ""), sl(u, "RF-1", "")))
	due, _ = db.DueOutbox(ctx, t0, 0)
	if got, want := heads(due), "tg_reply:a1 slack_card_update:RF-1 slack_card:RF-2+u slack_upload:RF-1"; got != want {
		t.Fatalf("due %q, want %q", got, want)
	}
	if due, _ := db.DueOutbox(ctx, t0, 2); len(due) != 2 || !slices.ContainsFunc(due, func(m conversations.OutboxMessage) bool { return m.Kind == u }) {
		t.Errorf("limit 2: %q, want the most urgent two", heads(due))
	}
}
