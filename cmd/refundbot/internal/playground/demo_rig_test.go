package playground

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/policy"
)

// pgRig is a playground over a seeded world, driven through its HTTP API
// as the page drives it.
type pgRig struct {
	t     *testing.T
	w     *world.World
	pg    *playground
	URL   string
	user  int64
	agent string
}

func newPGRig(t *testing.T) *pgRig {
	t.Helper()
	w, err := world.Start(t.Context(), world.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	if err := seedDemo(t.Context(), w.App, io.Discard); err != nil {
		t.Fatal(err)
	}
	pg, err := newPlayground(w, demoPersonas(), w.App.Log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(pg.Handler())
	t.Cleanup(srv.Close)
	return &pgRig{t: t, w: w, pg: pg, URL: srv.URL, user: demoPersonas()[0].TelegramID, agent: world.FakeAgents()[0].ID}
}

// call posts an action and decodes the answer; it returns the status.
func (r *pgRig) call(path string, body any, out any) int {
	r.t.Helper()
	raw, _ := json.Marshal(body)
	res, err := http.Post(r.URL+path, "application/json", bytes.NewReader(raw))
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			r.t.Fatalf("%s: decode: %v", path, err)
		}
	}
	return res.StatusCode
}

// do posts an action that must succeed.
func (r *pgRig) do(path string, body any) {
	r.t.Helper()
	var out map[string]any
	if code := r.call(path, body, &out); code != http.StatusOK {
		r.t.Fatalf("%s %v: %d %v", path, body, code, out)
	}
}

func (r *pgRig) state() stateView {
	r.t.Helper()
	res, err := http.Get(fmt.Sprintf("%s/api/state?user=%d&agent=%s", r.URL, r.user, r.agent))
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	var st stateView
	if res.StatusCode != http.StatusOK || json.NewDecoder(res.Body).Decode(&st) != nil {
		r.t.Fatalf("state: %d", res.StatusCode)
	}
	return st
}

// until polls the state, as the page does, until cond holds; the bound
// only stops a hung test.
func (r *pgRig) until(what string, cond func(stateView) bool) stateView {
	r.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		st := r.state()
		if cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("timed out waiting for %s; chat: %+v", what, st.Chat)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// botSaid waits until the bot's latest message contains text.
func (r *pgRig) botSaid(text string) chatMessage {
	r.t.Helper()
	var last chatMessage
	r.until("the bot to say "+text, func(st stateView) bool {
		for i := len(st.Chat) - 1; i >= 0; i-- {
			if st.Chat[i].FromBot {
				last = st.Chat[i]
				return strings.Contains(pgText(last.HTML), text)
			}
		}
		return false
	})
	return last
}

// tap taps the button labelled like label on the newest keyboard.
func (r *pgRig) tap(label string) {
	r.t.Helper()
	var msg, row, col int
	r.until("a button "+label, func(st stateView) bool {
		for i := len(st.Chat) - 1; i >= 0; i-- {
			if len(st.Chat[i].Buttons) == 0 {
				continue
			}
			for ri, rw := range st.Chat[i].Buttons {
				for ci, b := range rw {
					if strings.Contains(b, label) {
						msg, row, col = st.Chat[i].ID, ri, ci
						return true
					}
				}
			}
			return false
		}
		return false
	})
	r.do("/api/telegram/tap", map[string]any{"user": r.user, "message": msg, "row": row, "col": col})
}

// card waits for the channel's case card of caseID and returns it.
func (r *pgRig) card(caseID string, cond func(slackPost) bool) slackPost {
	r.t.Helper()
	var card slackPost
	r.until("the card of "+caseID, func(st stateView) bool {
		for _, p := range st.Channel {
			if len(p.Blocks) > 0 && strings.Contains(p.Blocks[0].HTML, caseID) && cond(p) {
				card = p
				return true
			}
		}
		return false
	})
	return card
}

func (r *pgRig) balance(st stateView, provider string) int64 {
	r.t.Helper()
	for _, b := range st.Balances {
		if b.ProviderID == provider {
			return b.Balance
		}
	}
	r.t.Fatalf("no balance of %s in %+v", provider, st.Balances)
	return 0
}

// pgText is safe HTML as the reader sees it: tags dropped, entities read.
func pgText(h string) string {
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, ""))
}

func hasButton(p slackPost, action string) bool {
	for _, b := range p.Blocks {
		for _, btn := range b.Buttons {
			if btn.Action == action {
				return true
			}
		}
	}
	return false
}

// firstRejectReason is the first reason code the app offers agents.
func (r *pgRig) firstRejectReason() string {
	r.t.Helper()
	return string(policy.RejectReasons()[0].Code)
}
