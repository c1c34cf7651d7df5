package conversations

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestMainFlowGolden records every Telegram text of the main flow (link,
// invalid lead for two leads with a photo, RF-1) in each language.
func TestMainFlowGolden(t *testing.T) {
	for _, lang := range []policy.Lang{policy.LangEnglish, policy.LangHindi} {
		t.Run(string(lang), func(t *testing.T) {
			st := world(t)
			must(t, st.SetLanguage(context.Background(), "P-1", lang))
			c := newChat(t, st)
			c.link()
			c.command("refund")
			c.press(actReason, string(policy.ReasonInvalidLead))
			c.press(actOption, "wrong_number")
			c.text("L-1, l-2 L-9")
			c.press(actLeadDone, "")
			c.do(photo("ab12"))
			c.press(actSubmit, "")
			c.command("status")
			got := strings.Join(c.log, "\n-----\n") + "\n"
			path := filepath.Join("testdata", "main_flow_"+string(lang)+".golden")
			if *update {
				must(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			must(t, err)
			if got != string(want) {
				t.Errorf("%s differs (run go test -update and review the diff):\n%s", path, got)
			}
		})
	}
}

// TestStepTable checks single steps of the pure step function.
func TestStepTable(t *testing.T) {
	cfg := policy.Default()
	asha := &Provider{ID: "P-1", Name: "Asha", Language: policy.LangEnglish}
	base := Session{ChatID: 1, UserID: 1, ProviderID: "P-1", Step: stepIdle, Nonce: 41, Language: policy.LangEnglish}
	data := func(nonce uint32, action, arg string) string {
		d, _ := Callback{Nonce: nonce, Action: action, Arg: arg}.Encode()
		return d
	}
	leads := base
	leads.Step, leads.Draft = stepLeads, Draft{Reason: policy.ReasonInvalidLead, Answers: map[string]string{"what": "duplicate"}}
	tests := []struct {
		name      string
		sess      Session
		ev        Event
		provider  *Provider
		facts     map[string]leadFact
		wantStep  string
		wantWrite bool
		wantText  string
		intent    intent
	}{
		{"refund opens reasons", base, Event{Kind: EvCommand, Command: "refund"}, asha, nil, stepReason, true, "Why do you want a refund", intentNone},
		{"stale nonce", base, Event{Kind: EvCallback, Data: data(40, actMenu, "refund")}, asha, nil, stepIdle, false, "", intentNone},
		{"menu button", base, Event{Kind: EvCallback, Data: data(41, actMenu, "refund")}, asha, nil, stepReason, true, "Choose the reason", intentNone},
		{"unknown command", base, Event{Kind: EvCommand, Command: "frobnicate"}, asha, nil, stepIdle, true, "/frobnicate", intentNone},
		{"unlinked text", Session{ChatID: 1, Step: stepLink, Nonce: 3}, Event{Kind: EvText, Text: "hi"}, nil, nil, stepLink, true, "Share my phone number", intentNone},
		{"lead accepted", leads, Event{Kind: EvText, Text: "l-5"}, asha,
			map[string]leadFact{"L-5": {Own: &Unlock{LeadID: "L-5", Coins: 40, UnlockedAt: t0.Add(-time.Hour)}}}, stepLeads, true, "Lead <b>L-5</b> added: 40 coins", intentNone},
		{"hindi language button", base, Event{Kind: EvCallback, Data: data(41, actLang, "hi")}, asha, nil, stepIdle, true, "", intentLanguage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := tt.ev
			ev.ChatID, ev.UserID = 1, 1
			out := step(stepIn{Event: ev, Session: tt.sess, Now: t0, Policy: cfg, Provider: tt.provider, Leads: tt.facts})
			if out.Write != tt.wantWrite || out.Intent != tt.intent {
				t.Fatalf("write %v intent %v, want %v %v", out.Write, out.Intent, tt.wantWrite, tt.intent)
			}
			if !out.Write {
				if len(out.Replies) != 0 || out.Result.CallbackText == "" {
					t.Errorf("stale step replied %+v / %+v", out.Replies, out.Result)
				}
				return
			}
			if out.Session.Step != tt.wantStep {
				t.Errorf("step %q, want %q", out.Session.Step, tt.wantStep)
			}
			if !strings.Contains(joined(out.Replies), tt.wantText) {
				t.Errorf("replies lack %q: %s", tt.wantText, joined(out.Replies))
			}
		})
	}
}
