package conversations

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/policy"
)

// flakyDesk is the desk's store with an unconfirmed Decide: commit says
// whether the call commits before it answers with an unknown outcome;
// unreadable makes the re-read of the case fail.
type flakyDesk struct {
	*memStore
	unknown    int  // how many of the next Decides answer unknown
	commit     bool // whether those commit first
	unreadable bool
	decides    int
}

var errTimedOut = errors.New("etcdserver: request timed out, possibly due to previous leader failure")

func (f *flakyDesk) Decide(ctx context.Context, d Decision) (Case, error) {
	f.decides++
	if f.unknown > 0 {
		f.unknown--
		if f.commit {
			if _, err := f.memStore.Decide(ctx, d); err != nil {
				return Case{}, err
			}
		}
		return Case{}, fmt.Errorf("decide: %w: %w", ErrOutcomeUnknown, errTimedOut)
	}
	return f.memStore.Decide(ctx, d)
}

func (f *flakyDesk) Case(ctx context.Context, id string) (Case, error) {
	if f.unreadable {
		return Case{}, fmt.Errorf("case %s: %w", id, errTimedOut)
	}
	return f.memStore.Case(ctx, id)
}

// TestDeskSettlesAnUnconfirmedDecision: an approval whose commit the store
// could not confirm is answered by what the case shows: committed, a
// success (credited once, no retry); not committed, one retry that
// credits once; unreadable, or unconfirmed twice, an unknown outcome
// (never a plain failure).
func TestDeskSettlesAnUnconfirmedDecision(t *testing.T) {
	for _, tt := range []struct {
		name       string
		unknown    int
		commit     bool
		unreadable bool
		wantErr    bool
		wantCredit int
		wantCalls  int
	}{
		{name: "committed", unknown: 1, commit: true, wantCredit: 1, wantCalls: 1},
		{name: "lost", unknown: 1, wantCredit: 1, wantCalls: 2},
		{name: "unreadable", unknown: 1, commit: true, unreadable: true, wantErr: true, wantCredit: 1, wantCalls: 1},
		{name: "lost twice", unknown: 2, wantErr: true, wantCredit: 0, wantCalls: 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := world(t)
			submitted(t, st, "L-1")
			f := &flakyDesk{memStore: st}
			d := NewDesk(DeskOptions{Store: f, Policy: policy.Default(), Approvers: []string{"UA", "UB"}, Clock: &fakeClock{t: t0}, SlackChannel: "C-DESK"})
			f.unknown, f.commit, f.unreadable = tt.unknown, tt.commit, tt.unreadable
			c, err := d.ApproveAll(context.Background(), "RF-1", "UA", t0)
			if tt.wantErr {
				if !errors.Is(err, ErrOutcomeUnknown) {
					t.Fatalf("ApproveAll: %v, want an unknown outcome", err)
				}
			} else if err != nil || !c.State.Final() {
				t.Fatalf("ApproveAll: %s %v, want a success", c.State, err)
			}
			if n, _ := refunds(st); n != tt.wantCredit || f.decides != tt.wantCalls {
				t.Fatalf("%d credits after %d Decide calls, want %d after %d", n, f.decides, tt.wantCredit, tt.wantCalls)
			}
		})
	}
}

// flakySubmit is the engine's store with an unconfirmed SubmitCase.
type flakySubmit struct {
	*memStore
	unknown int
	commit  bool
	submits int
}

func (f *flakySubmit) SubmitCase(ctx context.Context, nc NewCase) (Case, error) {
	f.submits++
	if f.unknown > 0 {
		f.unknown--
		if f.commit {
			if _, err := f.memStore.SubmitCase(ctx, nc); err != nil {
				return Case{}, err
			}
		}
		return Case{}, fmt.Errorf("submit case: %w: %w", ErrOutcomeUnknown, errTimedOut)
	}
	return f.memStore.SubmitCase(ctx, nc)
}

// TestSubmitSettlesAnUnconfirmedCommit: the provider's Submit whose
// commit the store could not confirm is a success if the update it came
// in is marked handled (the submit committed: one case, one
// confirmation), else it runs once more (one case); unconfirmed twice, it
// is an unknown outcome, not a failure.
func TestSubmitSettlesAnUnconfirmedCommit(t *testing.T) {
	for _, tt := range []struct {
		name              string
		unknown           int
		commit            bool
		wantErr           bool
		wantCases, wantOK int
		wantCalls         int
	}{
		{name: "committed", unknown: 1, commit: true, wantCases: 1, wantOK: 1, wantCalls: 1},
		{name: "lost", unknown: 1, wantCases: 1, wantOK: 1, wantCalls: 2},
		{name: "lost twice", unknown: 2, wantErr: true, wantCalls: 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := world(t)
			c := newChat(t, st)
			f := &flakySubmit{memStore: st}
			c.eng = NewEngine(EngineOptions{Store: f, Steps: st, Policy: policy.Default(), Clock: c.clock, SlackChannel: "C-DESK"})
			c.link()
			c.command("refund")
			c.press(actReason, string(policy.ReasonInvalidLead))
			c.press(actOption, "wrong_number")
			c.text("L-1")
			c.press(actLeadDone, "")
			c.press(actEvDone, "")
			// The Submit button's update, saved as the adapter saves it.
			var data string
			for _, row := range c.last[len(c.last)-1].Buttons {
				for _, b := range row {
					if cb, ok := ParseCallback(b.Data); ok && cb.Action == actSubmit {
						data = b.Data
					}
				}
			}
			id := st.nextUpdateID()
			if _, err := st.SaveInbound(context.Background(), Inbound{Source: Telegram, ID: id, ChatID: c.id}); err != nil {
				t.Fatal(err)
			}
			f.unknown, f.commit = tt.unknown, tt.commit
			_, err := c.eng.Handle(context.Background(), Event{Kind: EvCallback, Data: data, CallbackID: "cb", MessageID: 99,
				Source: Telegram, UpdateID: id, ChatID: c.id, UserID: c.id, At: c.clock.Now()})
			if tt.wantErr != (err != nil) || (err != nil && !errors.Is(err, ErrOutcomeUnknown)) {
				t.Fatalf("Handle: %v; want an error %v (an unknown outcome)", err, tt.wantErr)
			}
			cases, _ := st.Cases(context.Background(), "P-1")
			ok := 0
			for _, m := range outboxOf(st, OutTelegramReply) {
				if m.Reply != nil && strings.Contains(m.Reply.Text, "is submitted") {
					ok++
				}
			}
			if len(cases) != tt.wantCases || ok != tt.wantOK || f.submits != tt.wantCalls {
				t.Fatalf("%d cases, %d confirmations after %d submits; want %d, %d after %d", len(cases), ok, f.submits, tt.wantCases, tt.wantOK, tt.wantCalls)
			}
		})
	}
}
