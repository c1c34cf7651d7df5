package slack

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	slackapi "github.com/slack-go/slack"
)

// clickFields are the fields of an interaction the adapter reads for a
// button click.
func clickFields(ic slackapi.InteractionCallback) []string {
	out := []string{string(ic.Type), ic.User.ID, ic.Channel.ID, ic.ResponseURL, ic.TriggerID, ic.View.CallbackID, ic.View.PrivateMetadata}
	for _, a := range ic.ActionCallback.BlockActions {
		out = append(out, a.ActionID, a.BlockID, a.Value, a.SelectedOption.Value)
		for _, o := range a.SelectedOptions {
			out = append(out, o.Value)
		}
	}
	return out
}

// FuzzParseInteraction: the light reading of a click gives the adapter
// what slack-go's full parse gives it, and a payload that neither can
// read is refused.
func FuzzParseInteraction(f *testing.F) {
	card := `{"type":"message","ts":"1.2","text":"RF-12","blocks":[{"type":"section","block_id":"s","text":{"type":"mrkdwn","text":"*RF-12*"}},{"type":"actions","block_id":"act","elements":[{"type":"button","action_id":"approve_all","text":{"type":"plain_text","text":"Approve"},"value":"RF-12"}]}]}`
	for _, s := range []string{
		`{"type":"block_actions","user":{"id":"U1","name":"a"},"channel":{"id":"C1","name":"c"},"container":{"type":"message"},"message":` + card + `,"trigger_id":"t1","response_url":"https://x/r","actions":[{"type":"button","action_id":"approve_all","block_id":"act","value":"RF-12","action_ts":"1.3"}]}`,
		`{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"actions":[{"action_id":"approve_all","value":"RF-12","type":"button"}]}`,
		`{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"pick","block_id":"b","type":"static_select","selected_option":{"value":"v"}},{"action_id":"m","block_id":"c","type":"multi_static_select","selected_options":[{"value":"x"},{"value":"y"}]}]}`,
		`{"type":"block_actions","user":{"id":"U1"},"view":{"callback_id":"reject","private_metadata":"RF-12"},"actions":[{"action_id":"a","block_id":"b","value":"v"}]}`,
		`{"type":"view_submission","user":{"id":"U1"},"view":{"callback_id":"ask","private_metadata":"RF-12","state":{"values":{}}}}`,
		`{"type":"block_actions","user":{"id":7}}`, `{"type":"block_actions","actions":[1]}`, `{}`, `null`, ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, payload string) {
		body := "payload=" + url.QueryEscape(payload)
		light, lerr := parseInteraction([]byte(body))
		req := httptest.NewRequest(http.MethodPost, "/slack/interactions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		full, ferr := slackapi.InteractionCallbackParse(req)
		switch {
		case lerr != nil && ferr == nil:
			t.Fatalf("light parse refused what slack-go reads: %v", lerr)
		case lerr == nil && ferr == nil:
			if got, want := clickFields(light), clickFields(full); !reflect.DeepEqual(got, want) {
				t.Fatalf("light parse gives %q, slack-go %q", got, want)
			}
		}
	})
}

// BenchmarkParseInteraction reads an approve click on a card of 40 leads,
// the message's blocks sent along as Slack sends them.
func BenchmarkParseInteraction(b *testing.B) {
	card, err := os.ReadFile("testdata/card_40_leads.json")
	if err != nil {
		b.Fatal(err)
	}
	payload := `{"type":"block_actions","user":{"id":"U1","name":"a"},"channel":{"id":"C1","name":"c"},"container":{"type":"message"},"message":` +
		string(card) + `,"trigger_id":"t1","response_url":"https://x/r","actions":[{"type":"button","action_id":"approve_all","block_id":"act","text":{"type":"plain_text","text":"Approve all","emoji":true},"value":"RF-12","style":"primary","action_ts":"1.3"}]}`
	body := []byte("payload=" + url.QueryEscape(payload))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		ic, err := parseInteraction(body)
		if err != nil || len(ic.ActionCallback.BlockActions) != 1 {
			b.Fatalf("%v %+v", err, ic)
		}
	}
}

// FuzzFormPayload: the payload read from a form body is ParseQuery's, and
// a body ParseQuery refuses is refused.
func FuzzFormPayload(f *testing.F) {
	for _, s := range []string{"payload=%7B%22a%22%3A1%7D", "payload=a+b%20c", "payload=%zz", "payload=%4", "payload=%", "payload=",
		"payload=a&x=b", "x=1&payload=2", "payload=a;b", "", "payload", "payload=%C3%A9%e2%82%ac"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got, gerr := formPayload([]byte(body))
		form, werr := url.ParseQuery(body)
		if (gerr != nil) != (werr != nil) {
			t.Fatalf("error %v, ParseQuery's %v", gerr, werr)
		}
		if werr == nil && string(got) != form.Get("payload") {
			t.Fatalf("payload %q, ParseQuery's %q", got, form.Get("payload"))
		}
	})
}
