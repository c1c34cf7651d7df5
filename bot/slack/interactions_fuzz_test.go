package slack

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
)

// noNetwork refuses every outbound call: the fuzzed payloads carry
// response_url and channel values that must not send requests anywhere.
type noNetwork struct{}

func (noNetwork) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("no network in the fuzz test")
}

// FuzzInteractionsPayload feeds signed interaction payloads (buttons and
// modal submissions, well-formed or not) to the HTTP handler. Whatever the
// payload: no panic, the answer is 200 or 400, and the Desk is reached
// only on behalf of the one approver: a payload naming anyone else, or
// garbage, never decides a case.
func FuzzInteractionsPayload(f *testing.F) {
	seeds := []string{
		`{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"trigger_id":"t1","actions":[{"action_id":"approve_all","value":"RF-12","type":"button"}]}`,
		`{"type":"block_actions","user":{"id":"U3"},"channel":{"id":"C1"},"actions":[{"action_id":"approve_all","value":"RF-12","type":"button"}]}`,
		`{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"reject","value":"RF-999"},{"action_id":"nope","value":""}]}`,
		`{"type":"view_submission","user":{"id":"U1"},"view":{"callback_id":"reject","private_metadata":"RF-12","blocks":[{"type":"input","block_id":"reason","label":{"type":"plain_text","text":"R"},"element":{"type":"static_select","action_id":"reason"}}],"state":{"values":{"reason":{"reason":{"type":"static_select","selected_option":{"value":"not_eligible"}}}}}}}`,
		`{"type":"view_submission","user":{"id":"U2"},"view":{"callback_id":"ask","private_metadata":"RF-12","blocks":[{"type":"input","block_id":"question","label":{"type":"plain_text","text":"Q"},"element":{"type":"plain_text_input","action_id":"question"}}],"state":{"values":{"question":{"question":{"type":"plain_text_input","value":"why?"}}}}}}`,
		`{"type":"view_closed"}`, `{}`, `[]`, `null`, ``, `{"type":"block_actions","actions":null}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	desk := newFakeDesk(smallCase())
	desk.approvers = map[string]bool{"U1": true}
	a, err := New(Options{BotToken: "xoxb-1", SigningSecret: testSecret, APIURL: "http://slack.invalid/api/", Channel: "C1",
		Approvers: []string{"U1"}, EvidenceDir: f.TempDir(), Clock: fixedClock{time.Now()},
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		HTTPClient: &http.Client{Transport: noNetwork{}},
		Desk:       desk, Cases: desk, Lister: desk, Wallets: desk,
		RejectReasons: []RejectReason{{Code: "not_eligible", Label: "Not eligible"}}})
	if err != nil {
		f.Fatal(err)
	}
	h := a.InteractionsHandler()
	f.Fuzz(func(t *testing.T, payload string) {
		body := "payload=" + url.QueryEscape(payload)
		req := httptest.NewRequest(http.MethodPost, "/slack/interactions", strings.NewReader(body))
		now := time.Now()
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(now.Unix(), 10))
		req.Header.Set("X-Slack-Signature", slackfake.Sign(testSecret, now, []byte(body)))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
			t.Errorf("status %d for %q", rec.Code, payload)
		}
		for _, c := range desk.recorded() {
			if c.Agent != "U1" {
				t.Fatalf("the Desk was called for %q by payload %q: %+v", c.Agent, payload, c)
			}
		}
		a.Wait()
	})
}

// FuzzEscapeMrkdwn: provider text escaped for Slack has no raw < or >
// (no mention, no disguised link) and reads back as sent.
func FuzzEscapeMrkdwn(f *testing.F) {
	for _, s := range []string{"", "<!channel>", "<http://evil|bank>", "a & b", "&lt;", "<@U1>", "नमस्ते <>"} {
		f.Add(s)
	}
	un := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
	f.Fuzz(func(t *testing.T, s string) {
		e := escape(s)
		if strings.ContainsAny(e, "<>") || un.Replace(e) != s {
			t.Errorf("escape(%q) = %q", s, e)
		}
	})
}
