package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	slackapi "github.com/slack-go/slack"
	"golang.org/x/time/rate"
)

func TestSendCardUpdateThreadUpload(t *testing.T) {
	r := newRig(t, smallCase())
	ctx := context.Background()
	ts := r.postCard(t, "RF-12")
	card := r.fake.Messages("C1")[0]
	if card.TS != ts || card.UnfurlLinks == nil || *card.UnfurlLinks || card.UnfurlMedia == nil || *card.UnfurlMedia {
		t.Errorf("card %+v: want unfurl_links and unfurl_media false", card)
	}
	if !strings.Contains(string(card.Metadata), `"case_id":"RF-12"`) || card.Text != "RF-12 · 350 coins · Open" {
		t.Errorf("card metadata %s text %q", card.Metadata, card.Text)
	}
	c, _ := r.desk.ApproveAll(ctx, "RF-12", "U1", testNow)
	c.CardChannel, c.CardTS = "C1", ts
	if _, err := r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackCardUpdate, CaseID: "RF-12"}, c, smallInfo()); err != nil {
		t.Fatal(err)
	}
	card = r.fake.Messages("C1")[0]
	if card.Edited != 1 || strings.Contains(string(card.Blocks), ActionApproveAll) || !strings.Contains(string(card.Blocks), "350 coins credited") {
		t.Errorf("updated card %s", card.Blocks)
	}
	if _, err := r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackThread, Text: "<@U1> asked. Provider says: " + conversations.EscapeMrkdwn("<!channel> <http://x|bank>")}, c, smallInfo()); err != nil {
		t.Fatal(err)
	}
	data := []byte("fake png bytes")
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:])
	if err := os.WriteFile(filepath.Join(r.a.opts.EvidenceDir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
	ref, err := r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackUpload, SHA256: name, FileName: "../../shot.png"}, c, smallInfo())
	if err != nil {
		t.Fatal(err)
	}
	th := r.fake.Thread("C1", ts)
	if len(th) != 2 {
		t.Fatalf("thread %+v, want a reply and a file", th)
	}
	// Thread text arrives as finished mrkdwn: posted verbatim, so the
	// mention works and the escaped provider text stays inert.
	if th[0].Text != "<@U1> asked. Provider says: &lt;!channel&gt; &lt;http://x|bank&gt;" {
		t.Errorf("thread text %q, want it posted verbatim", th[0].Text)
	}
	if f := th[1].Files; len(f) != 1 || f[0].ID != ref || f[0].Name != "shot.png" || string(f[0].Content) != string(data) {
		t.Errorf("uploaded %+v", f)
	}
	if _, err := r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackUpload, SHA256: "../etc/passwd"}, c, smallInfo()); !errors.Is(err, ErrBadMessage) {
		t.Errorf("path traversal: got %v", err)
	}
}

func TestClassify(t *testing.T) {
	r := newRig(t, smallCase())
	ctx := context.Background()
	c, _ := r.desk.Case(ctx, "RF-12")
	card := conversations.OutboxMessage{Kind: conversations.OutSlackCard, Recipient: "C1"}

	r.fake.RateLimit("chat.postMessage", 1, 30)
	_, err := r.a.Send(ctx, card, c, smallInfo())
	if after, perm := Classify(err); after != 30*time.Second || perm {
		t.Errorf("429: got %v %v from %v, want retry after 30s", after, perm, err)
	}
	_, err = r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackCard, Recipient: "C404"}, c, smallInfo())
	if _, perm := Classify(err); !perm {
		t.Errorf("channel_not_found not permanent: %v", err)
	}
	r.fake.SetDown(true)
	_, err = r.a.Send(ctx, card, c, smallInfo())
	if after, perm := Classify(err); err == nil || perm || after != 0 {
		t.Errorf("503: got %v %v from %v, want a retry", after, perm, err)
	}
	r.fake.SetDown(false)
	_, err = r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackCardUpdate}, c, smallInfo())
	if _, perm := Classify(err); !errors.Is(err, ErrNoCard) || !perm {
		t.Errorf("update without card: %v", err)
	}
	if after, perm := Classify(context.DeadlineExceeded); perm || after != 0 {
		t.Error("a timeout is not retried")
	}
	// An error about the request itself is permanent even when it is not
	// a well-known one: retrying it would hold up the channel for ever.
	for code, wantPerm := range map[string]bool{"msg_blocks_too_long": true, "metadata_too_large": true,
		"internal_error": false, "service_unavailable": false} {
		err := fmt.Errorf("post card: %w", slackapi.SlackErrorResponse{Err: code})
		if _, perm := Classify(err); perm != wantPerm {
			t.Errorf("%s: permanent %v, want %v", code, perm, wantPerm)
		}
	}
	if len(r.fake.Messages("C1")) != 0 {
		t.Error("a refused post was recorded")
	}
	c.State = policy.StateOpen
	if _, err := r.a.Send(ctx, card, c, smallInfo()); err != nil {
		t.Errorf("after the outage: %v", err)
	}
}

func TestSendLongCaseOverflowsIntoThread(t *testing.T) {
	c := bigCase(200)
	r := newRig(t, c)
	ts, err := r.a.Send(context.Background(), conversations.OutboxMessage{Kind: conversations.OutSlackCard, Recipient: "C1"}, c, smallInfo())
	if err != nil {
		t.Fatal(err)
	}
	th := r.fake.Thread("C1", ts)
	if len(th) == 0 || !strings.Contains(th[len(th)-1].Text, "L-07199") {
		t.Errorf("the last lead is not in the thread: %+v", th)
	}
}

// TestAdapterKeepsConnectionsAlive: the outbox sends up to 64 messages at
// once; an adapter built without a client of its own keeps that many
// connections to the Web API alive between bursts (slack-go's default
// client keeps net/http's 2): five bursts of 64 posts open about 64
// connections, not one a post (on the real API each is a TLS handshake).
func TestAdapterKeepsConnectionsAlive(t *testing.T) {
	fake := slackfake.New(slackfake.Options{Token: "xoxb-1", SigningSecret: testSecret, Channels: []string{"C1"}})
	t.Cleanup(fake.Close)
	unpaced := map[string]Limit{}
	for m, l := range SlackLimits {
		unpaced[m] = Limit{Rate: rate.Inf, Burst: 1, PerChannel: l.PerChannel}
	}
	a, err := New(Options{BotToken: "xoxb-1", SigningSecret: testSecret, APIURL: fake.APIURL(), Channel: "C1",
		EvidenceDir: t.TempDir(), Clock: fixedClock{testNow}, Limits: unpaced, Desk: newFakeDesk(), Cases: newFakeDesk(),
		RejectReasons: []RejectReason{{Code: "not_eligible", Label: "Not eligible"}}})
	if err != nil {
		t.Fatal(err)
	}
	const inFlight, bursts = IdleConnsPerHost, 5
	for b := range bursts {
		var wg sync.WaitGroup
		errs := make(chan error, inFlight)
		for i := range inFlight {
			wg.Go(func() {
				m := conversations.OutboxMessage{ID: uint64(b*inFlight + i + 1), Transport: conversations.Slack, Kind: conversations.OutSlackPost,
					Recipient: "C1", Text: fmt.Sprintf("post %d.%d", b, i)}
				if _, err := a.Send(context.Background(), m, conversations.Case{}, CardInfo{}); err != nil {
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
	if got := len(fake.Messages("C1")); got != bursts*inFlight {
		t.Fatalf("channel holds %d posts, want %d", got, bursts*inFlight)
	}
	if n := fake.Connections(); n > 2*inFlight {
		t.Fatalf("%d bursts of %d posts opened %d connections; want at most %d (connections kept alive)", bursts, inFlight, n, 2*inFlight)
	}
	t.Logf("%d posts over %d connections", bursts*inFlight, fake.Connections())
}
