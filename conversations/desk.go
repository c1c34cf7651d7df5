package conversations

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// DeskOptions configure the desk service.
type DeskOptions struct {
	Store     Store
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
// Every decision asks the policy (who may decide, how many approvers) and
// commits through one Store.Decide: the state compare-and-set, the
// credits, the card update, the thread line and the provider's message.
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

// CanDecide reports whether agent is an approver.
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

// approve records one approval. A case over the policy's coin threshold
// needs two different approvers: the first approval moves it to
// pending_second; the second (never by the same agent: checked again
// inside the transaction) makes it final, crediting the leads both
// approved. Concurrent clicks take effect once: the others get a
// *DecidedError (errors.Is ErrAlreadyDecided) or ErrSameApprover.
func (d *DeskService) approve(ctx context.Context, caseID, agent string, leads []string, note string, at time.Time) (Case, error) {
	if !d.CanDecide(agent) {
		return Case{}, fmt.Errorf("approve %s by %s: %w", caseID, agent, ErrNotApprover)
	}
	if len(note) > policy.MaxAgentTextChars {
		return Case{}, fmt.Errorf("approve %s: note too long: %w", caseID, ErrInvalid)
	}
	for attempt := 0; ; attempt++ {
		c, err := d.o.Store.Case(ctx, caseID)
		if err != nil {
			return Case{}, fmt.Errorf("approve %s: %w", caseID, err)
		}
		dec, err := d.approval(c, agent, leads, note, at)
		if err != nil {
			return Case{}, fmt.Errorf("approve %s by %s: %w", caseID, agent, err)
		}
		out, err := d.decide(ctx, dec)
		var de *DecidedError
		// The first approval raced another first approval: this click is
		// now a second approval (if by another agent); try once more.
		if errors.As(err, &de) && de.State == policy.StatePendingSecond && attempt == 0 && c.State != policy.StatePendingSecond {
			continue
		}
		return out, err
	}
}

// approval builds the decision of one approval of c by agent.
func (d *DeskService) approval(c Case, agent string, leads []string, note string, at time.Time) (Decision, error) {
	chosen := make([]string, 0, len(c.Leads))
	for _, l := range c.Leads {
		if leads == nil || slices.Contains(leads, l.LeadID) {
			chosen = append(chosen, l.LeadID)
		}
	}
	for _, id := range leads {
		if !slices.ContainsFunc(c.Leads, func(l CaseLead) bool { return l.LeadID == id }) {
			return Decision{}, fmt.Errorf("lead %s is not in the case: %w", id, ErrInvalid)
		}
	}
	var prior []string
	var priorLeads [][]string
	if c.State == policy.StatePendingSecond {
		for _, a := range c.Approvals {
			prior = append(prior, a.By)
			priorLeads = append(priorLeads, a.Leads)
		}
	}
	st, refusal := policy.CheckApproval(d.o.Policy, d.o.Approvers, agent, c.TotalCoins(), prior)
	if refusal != nil {
		if refusal.Key == policy.KeyEphSecondMustDiffer {
			return Decision{}, ErrSameApprover
		}
		return Decision{}, ErrNotApprover
	}
	guard := func(stored Case) error {
		for _, a := range stored.Approvals {
			if a.By == agent {
				return ErrSameApprover
			}
		}
		return nil
	}
	if !st.Final {
		// Like a final approval, a first one may come while the provider
		// is still asked a question: the agent decides without the answer.
		return Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen, policy.StateWaitingProvider}, To: policy.StatePendingSecond,
			By: agent, At: at, Note: note, Guard: guard,
			Approval: &Approval{By: agent, At: at, Leads: chosen},
			Effects: func(c Case, _ int64) ([]OutboxMessage, error) {
				return d.firstApprovalEffects(c, agent, st), nil
			}}, nil
	}
	agreed := policy.AgreedLeads(append(priorLeads, chosen)...)
	decisions := make(map[string]policy.LeadDecision, len(c.Leads))
	var states []policy.LeadDecision
	for _, l := range c.Leads {
		v := policy.LeadRejected
		if slices.Contains(agreed, l.LeadID) {
			v = policy.LeadApproved
		}
		decisions[l.LeadID] = v
		states = append(states, v)
	}
	to, _ := policy.OutcomeState(states)
	expect := []policy.State{policy.StateOpen, policy.StateWaitingProvider}
	if len(prior) > 0 {
		expect = []policy.State{policy.StatePendingSecond}
	}
	return Decision{CaseID: c.ID, Expect: expect, To: to, By: agent, At: at, Note: note, Leads: decisions, Guard: guard,
		Effects: func(c Case, balance int64) ([]OutboxMessage, error) {
			return d.outcomeEffects(c, agent, note, balance), nil
		}}, nil
}

// Reject refuses every lead with a catalogue reason and a note.
func (d *DeskService) Reject(ctx context.Context, caseID, agent, reason, note string, at time.Time) (Case, error) {
	if !d.CanDecide(agent) {
		return Case{}, fmt.Errorf("reject %s by %s: %w", caseID, agent, ErrNotApprover)
	}
	if _, ok := policy.RejectReasonByCode(policy.RejectCode(reason)); !ok || len(note) > policy.MaxAgentTextChars {
		return Case{}, fmt.Errorf("reject %s: reason %q or note: %w", caseID, reason, ErrInvalid)
	}
	c, err := d.o.Store.Case(ctx, caseID)
	if err != nil {
		return Case{}, fmt.Errorf("reject %s: %w", caseID, err)
	}
	decisions := make(map[string]policy.LeadDecision, len(c.Leads))
	for _, l := range c.Leads {
		decisions[l.LeadID] = policy.LeadRejected
	}
	return d.decide(ctx, Decision{CaseID: caseID, To: policy.StateRejected, By: agent, At: at, Note: note,
		Expect: []policy.State{policy.StateOpen, policy.StateWaitingProvider, policy.StatePendingSecond},
		Leads:  decisions, RejectReason: reason,
		Effects: func(c Case, balance int64) ([]OutboxMessage, error) {
			return d.outcomeEffects(c, agent, note, balance), nil
		}})
}

// Ask sends the provider a question; the case waits for the answer.
func (d *DeskService) Ask(ctx context.Context, caseID, agent, question string, at time.Time) (Case, error) {
	if !d.CanDecide(agent) {
		return Case{}, fmt.Errorf("ask on %s by %s: %w", caseID, agent, ErrNotApprover)
	}
	question = strings.TrimSpace(question)
	if question == "" || len(question) > policy.MaxAgentTextChars {
		return Case{}, fmt.Errorf("ask on %s: empty or long question: %w", caseID, ErrInvalid)
	}
	return d.decide(ctx, Decision{CaseID: caseID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateWaitingProvider, By: agent, At: at, Question: question,
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

// decide commits a decision and wakes delivery.
func (d *DeskService) decide(ctx context.Context, dec Decision) (Case, error) {
	c, err := d.o.Store.Decide(ctx, dec)
	if err != nil {
		return Case{}, fmt.Errorf("decide %s → %s: %w", dec.CaseID, dec.To, err)
	}
	d.log.Info("case decided", "case_id", c.ID, "state", c.State, "by", dec.By, "credited", c.Credited)
	if d.o.OnCommit != nil {
		d.o.OnCommit()
	}
	return c, nil
}
