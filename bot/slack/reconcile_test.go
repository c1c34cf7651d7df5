package slack

import (
	"context"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
)

// A thread message and a channel post marked attempted are looked for
// first: one an earlier attempt posted is found by its metadata and not
// posted again; one that is not there is posted. A message of another
// record (same case) does not count.
func TestSendAttemptedLooksFirst(t *testing.T) {
	r := newRig(t, smallCase())
	ctx := context.Background()
	ts := r.postCard(t, "RF-12")
	c, err := r.desk.Case(ctx, "RF-12")
	if err != nil {
		t.Fatal(err)
	}
	c.CardChannel, c.CardTS = "C1", ts
	first := conversations.OutboxMessage{ID: 41, Kind: conversations.OutSlackThread, Recipient: "C1", CaseID: "RF-12", Text: "note"}
	ref41, err := r.a.Send(ctx, first, c, smallInfo())
	if err != nil {
		t.Fatal(err)
	}
	again := first
	again.Attempted = testNow
	if ref, err := r.a.Send(ctx, again, c, smallInfo()); err != nil || ref != ref41 {
		t.Fatalf("attempted thread message: ref %q %v, want the posted %q", ref, err, ref41)
	}
	other := again
	other.ID = 42
	ref42, err := r.a.Send(ctx, other, c, smallInfo())
	if err != nil || ref42 == ref41 || ref42 == "" {
		t.Fatalf("another record: ref %q %v, want a new post", ref42, err)
	}
	if th := r.fake.Thread("C1", ts); len(th) != 2 {
		t.Fatalf("thread has %d messages, want 2 (41 once, 42)", len(th))
	}

	post := conversations.OutboxMessage{ID: 50, Kind: conversations.OutSlackPost, Recipient: "C1", Text: "digest"}
	ref50, err := r.a.Send(ctx, post, conversations.Case{}, CardInfo{})
	if err != nil {
		t.Fatal(err)
	}
	post.Attempted = testNow
	if ref, err := r.a.Send(ctx, post, conversations.Case{}, CardInfo{}); err != nil || ref != ref50 {
		t.Fatalf("attempted post: ref %q %v, want %q", ref, err, ref50)
	}
	if n := len(r.fake.Messages("C1")); n != 4 {
		t.Fatalf("%d messages in the channel, want 4 (card, two replies, one post)", n)
	}
}
