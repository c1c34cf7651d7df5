package slack

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// testNow is 14:05 in Asia/Kolkata.
var testNow = time.Date(2026, 3, 2, 8, 35, 0, 0, time.UTC)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// deskCall is one recorded Desk call.
type deskCall struct {
	Method, CaseID, Agent, Reason, Note, Question string
	Leads                                         []string
}

// fakeDesk is a Desk over an in-memory case map with compare-and-set
// semantics like storage's Decide: a case decided once answers
// *DecidedError afterwards.
type fakeDesk struct {
	mu        sync.Mutex
	approvers map[string]bool
	cases     map[string]conversations.Case
	calls     []deskCall
	wallets   map[string]conversations.Wallet
	onCase    func() // when set, runs at each Case read (outside the lock)
}

func newFakeDesk(cases ...conversations.Case) *fakeDesk {
	d := &fakeDesk{approvers: map[string]bool{"U1": true, "U2": true}, cases: map[string]conversations.Case{},
		wallets: map[string]conversations.Wallet{}}
	for _, c := range cases {
		d.cases[c.ID] = c
	}
	return d
}

func (d *fakeDesk) CanDecide(agent string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.approvers[agent]
}

func (d *fakeDesk) recorded() []deskCall {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]deskCall(nil), d.calls...)
}

// move records the call and applies to when the case is not final.
func (d *fakeDesk) move(call deskCall, to policy.State, at time.Time, apply func(*conversations.Case)) (conversations.Case, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = append(d.calls, call)
	c, ok := d.cases[call.CaseID]
	if !ok {
		return conversations.Case{}, fmt.Errorf("desk: case %s: %w", call.CaseID, conversations.ErrNotFound)
	}
	if c.State.Final() {
		last := c.History[len(c.History)-1]
		return conversations.Case{}, &conversations.DecidedError{CaseID: c.ID, State: c.State, By: last.By, At: last.At}
	}
	c.History = append(c.History, conversations.Transition{From: c.State, To: to, By: call.Agent, At: at, Note: call.Note})
	c.State = to
	if apply != nil {
		apply(&c)
	}
	d.cases[c.ID] = c
	return c, nil
}

func (d *fakeDesk) ApproveAll(_ context.Context, caseID, agent string, at time.Time) (conversations.Case, error) {
	return d.move(deskCall{Method: "ApproveAll", CaseID: caseID, Agent: agent}, policy.StateApproved, at,
		func(c *conversations.Case) { c.Credited = c.TotalCoins() })
}

func (d *fakeDesk) ApproveSome(_ context.Context, caseID, agent string, leads []string, note string, at time.Time) (conversations.Case, error) {
	return d.move(deskCall{Method: "ApproveSome", CaseID: caseID, Agent: agent, Leads: leads, Note: note}, policy.StatePartlyApproved, at, nil)
}

func (d *fakeDesk) Reject(_ context.Context, caseID, agent, reason, note string, at time.Time) (conversations.Case, error) {
	return d.move(deskCall{Method: "Reject", CaseID: caseID, Agent: agent, Reason: reason, Note: note}, policy.StateRejected, at,
		func(c *conversations.Case) { c.RejectReason = reason })
}

func (d *fakeDesk) Ask(_ context.Context, caseID, agent, question string, at time.Time) (conversations.Case, error) {
	return d.move(deskCall{Method: "Ask", CaseID: caseID, Agent: agent, Question: question}, policy.StateWaitingProvider, at,
		func(c *conversations.Case) { c.Question = question })
}

func (d *fakeDesk) Case(_ context.Context, id string) (conversations.Case, error) {
	if d.onCase != nil {
		d.onCase()
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	c, ok := d.cases[id]
	if !ok {
		return c, conversations.ErrNotFound
	}
	return c, nil
}

func (d *fakeDesk) Cases(_ context.Context, providerID string) ([]conversations.Case, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []conversations.Case
	for _, c := range d.cases {
		if c.ProviderID == providerID {
			out = append(out, c)
		}
	}
	return out, nil
}

func (d *fakeDesk) OpenCases(_ context.Context) ([]conversations.Case, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []conversations.Case
	for _, c := range d.cases {
		if !c.State.Final() {
			out = append(out, c)
		}
	}
	return out, nil
}

func (d *fakeDesk) Wallet(_ context.Context, providerID string) (conversations.Wallet, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	w, ok := d.wallets[providerID]
	if !ok {
		return w, conversations.ErrNotFound
	}
	return w, nil
}

var _ conversations.Desk = (*fakeDesk)(nil)

// rig is an adapter wired to a fake Slack and a fake desk, served on loopback.
type rig struct {
	fake *slackfake.Server
	desk *fakeDesk
	a    *Adapter
	app  *httptest.Server
}

const testSecret = "signing-s3cret"

func newRig(t testing.TB, cases ...conversations.Case) *rig {
	t.Helper()
	fake := slackfake.New(slackfake.Options{Token: "xoxb-1", SigningSecret: testSecret, Channels: []string{"C1"},
		Users: []slackfake.User{{ID: "U1", Name: "asha"}, {ID: "U2", Name: "ravi"}, {ID: "U3", Name: "intern"}}})
	t.Cleanup(fake.Close)
	desk := newFakeDesk(cases...)
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{BotToken: "xoxb-1", SigningSecret: testSecret, APIURL: fake.APIURL(), Channel: "C1",
		EvidenceDir: t.TempDir(), Clock: fixedClock{testNow}, Location: loc,
		Desk: desk, Cases: desk, Lister: desk, Wallets: desk,
		RejectReasons: []RejectReason{{Code: "not_eligible", Label: "Not eligible under the policy"}, {Code: "no_evidence", Label: "No evidence"}},
		ChannelRate:   rate.Inf})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /slack/interactions", a.InteractionsHandler())
	mux.Handle("POST /slack/commands", a.CommandsHandler())
	mux.Handle("POST /slack/events", a.EventsHandler())
	app := httptest.NewServer(mux)
	t.Cleanup(app.Close)
	t.Cleanup(a.Wait)
	return &rig{fake: fake, desk: desk, a: a, app: app}
}

// postCard delivers the card of c through Send and records it on the case.
func (r *rig) postCard(t testing.TB, id string) string {
	t.Helper()
	return r.postCardWith(t, id, smallInfo())
}

// postSimilarCard posts the card of a case that other open cases are like:
// it offers "Decide similar…".
func (r *rig) postSimilarCard(t testing.TB, id string) string {
	t.Helper()
	info := smallInfo()
	info.Similar = true
	return r.postCardWith(t, id, info)
}

func (r *rig) postCardWith(t testing.TB, id string, info CardInfo) string {
	t.Helper()
	c, err := r.desk.Case(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := r.a.Send(context.Background(), conversations.OutboxMessage{Kind: conversations.OutSlackCard, Recipient: "C1", CaseID: id}, c, info)
	if err != nil {
		t.Fatal(err)
	}
	r.desk.mu.Lock()
	c.CardChannel, c.CardTS = "C1", ts
	r.desk.cases[id] = c
	r.desk.mu.Unlock()
	return ts
}
