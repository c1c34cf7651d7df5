package conversations

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// DeskStore is what the desk reads and writes.
type DeskStore interface {
	Case(ctx context.Context, id string) (Case, error)
	Decide(ctx context.Context, d Decision) (Case, error)
	Provider(ctx context.Context, id string) (Provider, error)
	// Cases lists a provider's cases, newest first.
	Cases(ctx context.Context, providerID string) ([]Case, error)
	Unlocks(ctx context.Context, providerID string) ([]Unlock, error)
	// OpenSimilar finds the other open cases like c (same reason and
	// detail, or one of its leads): the card's similar-case checks read
	// only those, never every open case.
	OpenSimilar(ctx context.Context, c Case) (OpenSimilar, error)
}

// DeskOptions configure the desk service.
type DeskOptions struct {
	Store     DeskStore
	Policy    policy.Config
	Approvers []string // Slack user IDs allowed to decide
	Clock     Clock
	Logger    *slog.Logger
	// OnCommit, when set, is called after every commit (wakes delivery).
	OnCommit func()
	// SlackChannel is where cards live when a case has no card yet.
	SlackChannel string
	// Location is the timezone of times shown on cards (default UTC).
	Location *time.Location
}

// DeskService is what the agents' transport calls: it implements Desk.
// Every decision commits through one Store.Decide, which applies
// DecideCase (who may decide, how many approvers, the state
// compare-and-set, the credits) with the card update, the thread line and
// the provider's message built by the desk's effects.
type DeskService struct {
	o   DeskOptions
	log *slog.Logger
}

var _ Desk = (*DeskService)(nil)

// NewDesk returns the desk service; Store is required.
func NewDesk(o DeskOptions) *DeskService {
	var log *slog.Logger
	o.Clock, o.Location, log = defaults(o.Clock, o.Location, o.Logger, "desk")
	return &DeskService{o: o, log: log}
}

// CanDecide reports whether agent is an approver (policy.CanDecide, the
// rule DecideCase applies to every agent's decision); transports ask it
// before showing a form, never instead of the decision's own check.
func (d *DeskService) CanDecide(agent string) bool { return policy.CanDecide(d.o.Approvers, agent) }

// ApproveAll approves every lead of a case (see approve).
func (d *DeskService) ApproveAll(ctx context.Context, caseID, agent string, at time.Time) (Case, error) {
	return d.approve(ctx, caseID, agent, nil, "", at)
}

// ApproveSome approves the given leads and refuses the others.
func (d *DeskService) ApproveSome(ctx context.Context, caseID, agent string, leads []string, note string, at time.Time) (Case, error) {
	if len(leads) == 0 {
		return Case{}, fmt.Errorf("approve some of %s: no lead chosen: %w", caseID, ErrInvalid)
	}
	return d.approve(ctx, caseID, agent, leads, note, at)
}

// approve records one approval. The rule (who may approve, a second
// different approver over the policy's coin threshold, the leads both
// approved) is DecideCase's, applied to the stored case inside the
// store's transaction: of concurrent clicks, one takes effect and the
// others get a *DecidedError (errors.Is ErrAlreadyDecided) or
// ErrSameApprover; two approvers racing make one the first approval and
// the other the second.
func (d *DeskService) approve(ctx context.Context, caseID, agent string, leads []string, note string, at time.Time) (Case, error) {
	if len(note) > policy.MaxAgentTextChars {
		return Case{}, fmt.Errorf("approve %s: note too long: %w", caseID, ErrInvalid)
	}
	return d.decide(ctx, Decision{CaseID: caseID, By: agent, At: at, Note: note,
		Authority: d.authority(), Approve: &Approve{Leads: leads},
		Effects: func(c Case, balance int64) ([]OutboxMessage, error) {
			if c.State == policy.StatePendingSecond {
				st := policy.ApprovalStep{Have: len(c.Approvals), Need: policy.ApprovalsNeeded(d.o.Policy, c.TotalCoins())}
				return d.firstApprovalEffects(c, agent, st), nil
			}
			return d.outcomeEffects(c, agent, note, balance), nil
		}})
}

// authority is who may decide, for DecideCase.
func (d *DeskService) authority() *Authority {
	return &Authority{Approvers: d.o.Approvers, Policy: d.o.Policy}
}

// Reject refuses every lead with a catalogue reason and a note.
func (d *DeskService) Reject(ctx context.Context, caseID, agent, reason, note string, at time.Time) (Case, error) {
	if _, ok := policy.RejectReasonByCode(policy.RejectCode(reason)); !ok || len(note) > policy.MaxAgentTextChars {
		return Case{}, fmt.Errorf("reject %s: reason %q or note: %w", caseID, reason, ErrInvalid)
	}
	return d.decide(ctx, Decision{CaseID: caseID, To: policy.StateRejected, By: agent, At: at, Note: note,
		Expect:    []policy.State{policy.StateOpen, policy.StateWaitingProvider, policy.StatePendingSecond},
		Authority: d.authority(), RejectReason: reason,
		Effects: func(c Case, balance int64) ([]OutboxMessage, error) {
			return d.outcomeEffects(c, agent, note, balance), nil
		}})
}

// Ask sends the provider a question; the case waits for the answer.
func (d *DeskService) Ask(ctx context.Context, caseID, agent, question string, at time.Time) (Case, error) {
	question = strings.TrimSpace(question)
	if question == "" || len(question) > policy.MaxAgentTextChars {
		return Case{}, fmt.Errorf("ask on %s: empty or long question: %w", caseID, ErrInvalid)
	}
	return d.decide(ctx, Decision{CaseID: caseID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateWaitingProvider, By: agent, At: at, Question: question, Authority: d.authority(),
		Effects: func(c Case, _ int64) ([]OutboxMessage, error) {
			return d.askEffects(c, agent, question), nil
		}})
}

// Expire closes a case whose question went unanswered (the info-expiry
// job); the card, its thread and the provider are told.
func (d *DeskService) Expire(ctx context.Context, caseID string) (Case, error) {
	at := d.o.Clock.Now()
	return d.decide(ctx, Decision{CaseID: caseID, Expect: []policy.State{policy.StateWaitingProvider},
		To: policy.StateExpired, By: "system", At: at,
		Effects: func(c Case, _ int64) ([]OutboxMessage, error) {
			return d.expireEffects(c, at), nil
		}})
}

// decide commits a decision and wakes delivery. A commit the store
// could not confirm is settled (desk_settle.go) before anything is said.
func (d *DeskService) decide(ctx context.Context, dec Decision) (Case, error) {
	c, err := d.o.Store.Decide(ctx, dec)
	if errors.Is(err, ErrOutcomeUnknown) {
		c, err = d.settle(ctx, dec, err)
	}
	if err != nil {
		return Case{}, fmt.Errorf("decide %s by %s: %w", dec.CaseID, dec.By, err)
	}
	d.log.Info("case decided", "case_id", c.ID, "state", c.State, "by", dec.By, "credited", c.Credited)
	if d.o.OnCommit != nil {
		d.o.OnCommit()
	}
	return c, nil
}
