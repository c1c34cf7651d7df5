package slackfake_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
)

// TestSocketMode runs slack-go's own Socket Mode client against the fake:
// a bot token cannot open a connection; an app token can, and a slash
// command reaches the client as an envelope whose acknowledgement (with
// its payload) is what the fake returns. An acknowledgement of 20 KB or
// more is dropped, as Slack drops it, so the request times out.
func TestSocketMode(t *testing.T) {
	const appToken = "xapp-1-A1-test"
	fake := slackfake.New(slackfake.Options{Token: token, AppToken: appToken, Channels: []string{"C1"},
		Users: []slackfake.User{{ID: "U1", Name: "asha"}}})
	t.Cleanup(fake.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	botOnly := slackapi.New(token, slackapi.OptionAPIURL(fake.APIURL()), slackapi.OptionAppLevelToken(token))
	if _, _, err := botOnly.StartSocketModeContext(ctx); err == nil || !strings.Contains(err.Error(), "not_allowed_token_type") {
		t.Fatalf("apps.connections.open with a bot token: %v, want not_allowed_token_type", err)
	}
	if _, err := fake.SlashCommand(ctx, "", "U1", "/refund", "RF-1", slackfake.ViaSocket()); err == nil {
		t.Fatal("a Socket Mode request with no app connected succeeded")
	}

	api := slackapi.New(token, slackapi.OptionAPIURL(fake.APIURL()), slackapi.OptionAppLevelToken(appToken))
	client := socketmode.New(api)
	go func() { _ = client.RunContext(ctx) }()
	go func() {
		for evt := range client.Events {
			if evt.Type != socketmode.EventTypeSlashCommand {
				continue
			}
			sc := evt.Data.(slackapi.SlashCommand)
			answer := map[string]any{"text": "looked up " + sc.Text + " for " + sc.UserID}
			if sc.Text == "big" {
				answer["text"] = strings.Repeat("x", 21<<10)
			}
			_ = client.Ack(*evt.Request, answer)
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for fake.SocketConnections() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the client never connected")
		}
		time.Sleep(10 * time.Millisecond)
	}

	rep, err := fake.SlashCommand(ctx, "", "U1", "/refund", "RF-1", slackfake.ViaSocket())
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Text string }
	if err := json.Unmarshal(rep.Body, &got); err != nil || got.Text != "looked up RF-1 for U1" {
		t.Fatalf("ack payload %s (%v), want the client's answer", rep.Body, err)
	}
	if _, err := fake.SlashCommand(ctx, "", "U1", "/refund", "big", slackfake.ViaSocket()); err == nil || !strings.Contains(err.Error(), "not acknowledged") {
		t.Fatalf("a 21 KB acknowledgement: %v, want it dropped (not acknowledged)", err)
	}
}
