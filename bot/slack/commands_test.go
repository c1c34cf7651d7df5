package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/conversations"
)

func TestRefundCommand(t *testing.T) {
	r := newRig(t, smallCase())
	r.a.opts.Agents = []string{"U3"} // the intern may look things up
	r.desk.wallets["P-1001"] = conversations.Wallet{ProviderID: "P-1001", Balance: 1250,
		Entries: []conversations.Entry{{Kind: conversations.EntryRefund, Coins: 200, Ref: "L-5001", At: testNow}}}
	for _, tc := range []struct{ text, want string }{
		{"rf-12", "*RF-12* · 350 coins · Open"},
		{"P-1001", "*Wallet of `P-1001`:* 1,250 coins"},
		{"queue", "*RF-12* · 350 coins · Open · 22h old"},
		{"RF-99", "Nothing found for `RF-99`."},
		{"<!channel>", "Nothing found for `&lt;!channel&gt;`."},
		{"", "Usage:"},
	} {
		rep, err := r.fake.SlashCommand(context.Background(), r.app.URL, "U3", "/refund", tc.text)
		if err != nil || rep.StatusCode != 200 {
			t.Fatalf("%q: %v %+v", tc.text, err, rep)
		}
		var msg slackapi.Msg
		if err := json.Unmarshal(rep.Body, &msg); err != nil {
			t.Fatal(err)
		}
		if msg.ResponseType != "ephemeral" || !strings.Contains(msg.Text, tc.want) {
			t.Errorf("/refund %s = %q (%s), want it to contain %q", tc.text, msg.Text, msg.ResponseType, tc.want)
		}
	}
}

// /refund answers approvers and agents only; anyone else in the
// workspace gets an ephemeral refusal naming the approvers and sees no
// wallet, case or queue, not even whether a provider exists.
func TestRefundCommandOnlyForTheDesk(t *testing.T) {
	r := newRig(t, smallCase())
	r.a.opts.Approvers = []string{"U1", "U2"}
	r.desk.wallets["P-1001"] = conversations.Wallet{ProviderID: "P-1001", Balance: 1250}
	run := func(user, text string) slackapi.Msg {
		t.Helper()
		rep, err := r.fake.SlashCommand(context.Background(), r.app.URL, user, "/refund", text)
		if err != nil || rep.StatusCode != 200 {
			t.Fatalf("%s %q: %v %+v", user, text, err, rep)
		}
		var msg slackapi.Msg
		if err := json.Unmarshal(rep.Body, &msg); err != nil {
			t.Fatal(err)
		}
		return msg
	}
	for _, text := range []string{"P-1001", "RF-12", "queue", "P-404", ""} {
		msg := run("U3", text)
		if msg.ResponseType != "ephemeral" || !strings.Contains(msg.Text, "Ask an approver: <@U1>, <@U2>.") {
			t.Errorf("U3 /refund %q = %q (%s), want the ephemeral refusal naming <@U1>, <@U2>", text, msg.Text, msg.ResponseType)
		}
		for _, leak := range []string{"1,250", "Wallet", "RF-12", "Nothing found", "Open cases"} {
			if strings.Contains(msg.Text, leak) {
				t.Errorf("U3 /refund %q leaks %q: %q", text, leak, msg.Text)
			}
		}
	}
	if msg := run("U1", "P-1001"); !strings.Contains(msg.Text, "*Wallet of `P-1001`:* 1,250 coins") {
		t.Errorf("approver U1: %q", msg.Text)
	}
	r.a.opts.Agents = []string{"U3"}
	if msg := run("U3", "P-1001"); !strings.Contains(msg.Text, "*Wallet of `P-1001`:* 1,250 coins") {
		t.Errorf("agent U3: %q", msg.Text)
	}
}

func postEvent(t *testing.T, r *rig, body string) *http.Response {
	t.Helper()
	now := time.Now()
	req, _ := http.NewRequest(http.MethodPost, r.app.URL+"/slack/events", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("X-Slack-Signature", slackfake.Sign(testSecret, now, []byte(body)))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestEventsChallengeAndDedupe(t *testing.T) {
	r := newRig(t)
	var mu sync.Mutex
	seen := map[string]int{}
	broken := false
	r.a.opts.MarkOnce = func(_ context.Context, key string, _ time.Time) (bool, error) {
		mu.Lock()
		defer mu.Unlock()
		if broken {
			return false, fmt.Errorf("disk full")
		}
		seen[key]++
		return seen[key] == 1, nil
	}
	res := postEvent(t, r, `{"type":"url_verification","challenge":"abc123"}`)
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || b.String() != "abc123" {
		t.Errorf("challenge: %d %q", res.StatusCode, b.String())
	}
	ev := `{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention"}}`
	for range 2 {
		if res := postEvent(t, r, ev); res.StatusCode != 200 {
			t.Errorf("event: status %d", res.StatusCode)
		}
	}
	mu.Lock()
	if seen["slack_event:Ev1"] != 2 {
		t.Errorf("dedupe keys %v", seen)
	}
	broken = true
	mu.Unlock()
	if res := postEvent(t, r, ev); res.StatusCode != 500 {
		t.Errorf("unrecorded event acknowledged with %d", res.StatusCode)
	}
}

func TestSocketModeUsesTheSameDispatch(t *testing.T) {
	r := newRig(t, smallCase())
	ctx := context.Background()
	// A view submission with an error is acked with the errors payload.
	ic := slackapi.InteractionCallback{Type: slackapi.InteractionTypeViewSubmission, User: slackapi.User{ID: "U1"}}
	ic.View = slackapi.View{CallbackID: ActionAsk, PrivateMetadata: "RF-12",
		Blocks: slackapi.Blocks{BlockSet: []slackapi.Block{slackapi.NewInputBlock(questionBlock, plain("Q"), nil,
			slackapi.NewPlainTextInputBlockElement(nil, questionAction))}},
		State: &slackapi.ViewState{Values: map[string]map[string]slackapi.BlockAction{questionBlock: {questionAction: {Value: ""}}}}}
	payload, ack := r.a.socketEvent(ctx, socketmode.Event{Type: socketmode.EventTypeInteractive, Data: ic, Request: &socketmode.Request{EnvelopeID: "e1"}})
	resp, ok := payload.(*slackapi.ViewSubmissionResponse)
	if !ack || !ok || resp.Errors[questionBlock] == "" {
		t.Errorf("got %v %#v, want an ack with errors", ack, payload)
	}
	ic.View.State.Values[questionBlock][questionAction] = slackapi.BlockAction{Value: "Which number?"}
	payload, ack = r.a.socketEvent(ctx, socketmode.Event{Type: socketmode.EventTypeInteractive, Data: ic, Request: &socketmode.Request{EnvelopeID: "e2"}})
	if !ack || payload != nil || len(r.desk.recorded()) != 1 || r.desk.recorded()[0].Question != "Which number?" {
		t.Errorf("valid submission: %v %v %+v", ack, payload, r.desk.recorded())
	}
	payload, ack = r.a.socketEvent(ctx, socketmode.Event{Type: socketmode.EventTypeSlashCommand,
		Data: slackapi.SlashCommand{Command: "/refund", Text: "RF-12", UserID: "U1"}, Request: &socketmode.Request{}})
	if msg, ok := payload.(*slackapi.Msg); !ack || !ok || !strings.Contains(msg.Text, "RF-12") {
		t.Errorf("slash command over socket: %v %#v", ack, payload)
	}
	_, ack = r.a.socketEvent(ctx, socketmode.Event{Type: socketmode.EventTypeEventsAPI,
		Data: slackevents.EventsAPIEvent{Type: slackevents.CallbackEvent, Data: &slackevents.EventsAPICallbackEvent{EventID: "Ev9"}}, Request: &socketmode.Request{}})
	if !ack {
		t.Error("events API envelope not acked")
	}
	if _, ack := r.a.socketEvent(ctx, socketmode.Event{Type: socketmode.EventTypeConnected}); ack {
		t.Error("a lifecycle event was acked")
	}
}

// TestSocketModeCountsAgentsWaiting: over a real Socket Mode connection to
// the fake, a slash command is counted in (Options.Foreground) while it is
// handled and acknowledged, and out after; the delivery worker holds
// behind it (bot.Foreground).
func TestSocketModeCountsAgentsWaiting(t *testing.T) {
	const appToken = "xapp-1-A1-test"
	fake := slackfake.New(slackfake.Options{Token: "xoxb-1", AppToken: appToken, SigningSecret: testSecret, Channels: []string{"C1"},
		Users: []slackfake.User{{ID: "U1", Name: "asha"}}})
	t.Cleanup(fake.Close)
	desk := newFakeDesk(smallCase())
	var mu sync.Mutex
	var in, out int
	inDuringHandling := false
	a, err := New(Options{BotToken: "xoxb-1", AppToken: appToken, Mode: ModeSocket, APIURL: fake.APIURL(), Channel: "C1",
		Approvers: []string{"U1"}, EvidenceDir: t.TempDir(), Clock: fixedClock{testNow}, Desk: desk, Cases: desk, Lister: desk,
		RejectReasons: []RejectReason{{Code: "not_eligible", Label: "Not eligible"}},
		Foreground: func() func() {
			mu.Lock()
			in++
			mu.Unlock()
			return func() { mu.Lock(); out++; mu.Unlock() }
		}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	go a.RunSocketMode(ctx) //nolint:errcheck // ends with ctx
	for fake.SocketConnections() == 0 {
		if ctx.Err() != nil {
			t.Fatal("the adapter never connected")
		}
		time.Sleep(10 * time.Millisecond)
	}
	desk.onCase = func() { mu.Lock(); inDuringHandling = in == 1 && out == 0; mu.Unlock() }
	rep, err := fake.SlashCommand(ctx, "", "U1", "/refund", "RF-12", slackfake.ViaSocket())
	if err != nil || !strings.Contains(string(rep.Body), "RF-12") {
		t.Fatalf("slash command over the socket: %v %s", err, rep.Body)
	}
	for {
		mu.Lock()
		done := out == 1
		mu.Unlock()
		if done || ctx.Err() != nil {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if in != 1 || out != 1 || !inDuringHandling {
		t.Errorf("counted in %d, out %d, in while handled %v; want the command counted in while handled, then out", in, out, inDuringHandling)
	}
}
