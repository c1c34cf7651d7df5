package slack

import (
	"context"
	"errors"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
)

// TestSendPost: a channel post (the digest) goes to its channel verbatim,
// outside any thread, and a post without a channel is a permanent error.
func TestSendPost(t *testing.T) {
	r := newRig(t, smallCase())
	ctx := context.Background()
	text := "*Digest*\n<@U1> " + conversations.EscapeMrkdwn("<!channel>")
	ts, err := r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackPost, Recipient: "C1", Text: text}, conversations.Case{}, CardInfo{})
	if err != nil {
		t.Fatal(err)
	}
	msgs := r.fake.Messages("C1")
	if len(msgs) != 1 || msgs[0].TS != ts || msgs[0].Text != "*Digest*\n<@U1> &lt;!channel&gt;" || msgs[0].ThreadTS != "" {
		t.Fatalf("channel holds %+v, want the digest posted verbatim at top level", msgs)
	}
	if _, err := r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackPost, Text: "x"}, conversations.Case{}, CardInfo{}); !errors.Is(err, ErrBadMessage) {
		t.Errorf("post without channel: got %v, want ErrBadMessage", err)
	}
}
