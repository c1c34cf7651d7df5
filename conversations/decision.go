package conversations

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// Decision moves a case. Its rules are one pure function, DecideCase; a
// store reads what it needs, calls it and writes the result in one
// transaction. A decision is given either as an approval request
// (Approve, resolved against the stored case: first or final approval,
// the leads both approvers agreed on) or as an explicit move (Expect, To,
// Leads).
type Decision struct {
	CaseID string
	// Expect: the case must be in one of these, else *DecidedError. Set by
	// DecideCase itself for an approval request.
	Expect []policy.State
	To     policy.State
	By     string
	// At is the clock of the decision: the transition's and the credits' time.
	At   time.Time
	Note string
	// Leads maps lead ID to decision; approved leads are credited.
	Leads        map[string]policy.LeadDecision
	RejectReason string
	Question     string     // set when asking the provider
	Approval     *Approval  // recorded first approval (two-approver cases)
	AddEvidence  []Evidence // the provider's answer to a question
	// Authority, when set, makes this an agent's decision: By must be one
	// of its approvers (policy.CheckApproval, the one approver rule).
	Authority *Authority
	// Approve, when set, is an approval by By (Authority required): of
	// every lead of the case (Leads nil) or of the given leads.
	Approve *Approve
	// Effects builds the outbox records from the case after the decision
	// and the provider's balance after the credits. It must be pure.
	Effects func(c Case, balance int64) ([]OutboxMessage, error)
	// Session and Inbound, when set, are saved and marked handled in the
	// same transaction: a provider's answer and the step that sent it
	// commit together, so a replay after a crash cannot answer twice.
	Session *Session
	Inbound *InboundRef
}

// Authority is who may decide cases and when a second approver is needed.
type Authority struct {
	Approvers []string // Slack user IDs
	Policy    policy.Config
}

// Approve is one approver's approval of some leads of a case (nil: all).
type Approve struct {
	Leads []string
}

// DecisionFacts is what a decision reads beside the decision itself.
type DecisionFacts struct {
	Case Case
	// Unlocks are the provider's unlocks of the case's leads, by lead ID;
	// a lead missing here cannot be credited.
	Unlocks map[string]Unlock
	// Balance is the provider's wallet balance before the decision.
	Balance int64
}

// DecisionResult is everything a decision writes. It is built afresh by
// every call of DecideCase.
type DecisionResult struct {
	// Case is the case after the decision; when it is final its leads are
	// released from the open-case index.
	Case Case
	// Entries are the refund credits to append, one per newly approved
	// lead, key "refund:<case>:<lead>", in the case's lead order.
	Entries []Entry
	// Unlocks are the unlocks that changed (refunded, released), in the
	// case's lead order.
	Unlocks []Unlock
	// Outbox are the messages to send, from Decision.Effects.
	Outbox []OutboxMessage
	// Balance is the provider's balance after the credits.
	Balance int64
}

// RefundKey is the idempotency key of the credit of one lead of a case.
func RefundKey(caseID, lead string) string { return "refund:" + caseID + ":" + lead }

// NormalizeLead returns the stored form of a lead ID: trimmed, upper-case.
// Lead IDs are case-insensitive.
func NormalizeLead(id string) string { return strings.ToUpper(strings.TrimSpace(id)) }

// DecideCase is what a decision does to a case and a wallet: the one home
// of those rules. It has no effect and shares no memory with its inputs,
// so a store may run it again (bbolt's Batch does) and get the same
// result. In order:
//   - an agent's decision (d.Authority set) is refused unless d.By is an
//     approver (ErrNotApprover);
//   - an approval request (d.Approve) is resolved against the stored case:
//     nobody approves a case twice (ErrSameApprover); over the policy's
//     coin threshold the first approval moves the case to pending_second
//     and the second, by another approver, makes it final with the leads
//     both approved (approved, partly approved or rejected);
//   - the case must be in one of d.Expect (else *DecidedError naming the
//     last transition's author and time, so of any number of concurrent or
//     repeated decisions exactly one takes effect), and policy.CanMove must
//     allow the move (else ErrBadTransition);
//   - d.Leads are applied (a lead not in the case is ErrInvalid). By d.To:
//     approved needs every lead approved; partly_approved refuses the leads
//     still pending and needs one approved and one refused; rejected
//     refuses every lead; expired leaves them; neither may approve a lead;
//   - moving to approved or partly_approved credits each approved lead once
//     (kind refund, Ref the case ID) and marks its unlock RefundedIn; a lead
//     not unlocked or refunded already is a *LeadError;
//   - the approval, question (kept only while waiting for the provider),
//     reject reason, evidence and transition are recorded; a final case
//     releases its leads; d.Effects builds the outbox records.
func DecideCase(f DecisionFacts, d Decision) (DecisionResult, error) {
	c := cloneCase(f.Case)
	if d.Authority != nil && !policy.CanDecide(d.Authority.Approvers, d.By) {
		return DecisionResult{}, fmt.Errorf("%s by %s: %w", c.ID, d.By, ErrNotApprover)
	}
	if d.Approve != nil {
		var err error
		if d, err = resolveApproval(c, d); err != nil {
			return DecisionResult{}, err
		}
	}
	if len(d.Expect) == 0 {
		return DecisionResult{}, fmt.Errorf("a decision needs the expected states: %w", ErrInvalid)
	}
	if !slices.Contains(d.Expect, c.State) {
		return DecisionResult{}, decided(c)
	}
	if !policy.CanMove(c.State, d.To) {
		return DecisionResult{}, fmt.Errorf("%s to %s: %w", c.State, d.To, ErrBadTransition)
	}
	if err := applyLeads(&c, d); err != nil {
		return DecisionResult{}, err
	}
	r := DecisionResult{Balance: f.Balance}
	unlocks := make(map[string]Unlock, len(c.Leads))
	if d.To == policy.StateApproved || d.To == policy.StatePartlyApproved {
		for _, l := range c.Leads {
			if l.Decision != policy.LeadApproved {
				continue
			}
			u, found := f.Unlocks[l.LeadID]
			if !found {
				return DecisionResult{}, &LeadError{LeadID: l.LeadID, Err: ErrLeadNotUnlocked}
			}
			if u.RefundedIn != "" {
				return DecisionResult{}, &LeadError{LeadID: l.LeadID, CaseID: u.RefundedIn, Err: ErrLeadRefunded}
			}
			r.Balance += l.Coins
			r.Entries = append(r.Entries, Entry{ProviderID: c.ProviderID, Kind: EntryRefund, Coins: l.Coins,
				Ref: c.ID, Key: RefundKey(c.ID, l.LeadID), At: d.At, Balance: r.Balance})
			u.RefundedIn = c.ID
			unlocks[l.LeadID] = u
			c.Credited += l.Coins
		}
	}
	if d.Approval != nil {
		a := *d.Approval
		a.Leads = make([]string, len(d.Approval.Leads))
		for i, l := range d.Approval.Leads {
			a.Leads[i] = NormalizeLead(l)
		}
		c.Approvals = append(c.Approvals, a)
	}
	c.Question = ""
	if d.To == policy.StateWaitingProvider {
		c.Question = d.Question
	}
	if d.RejectReason != "" {
		c.RejectReason = d.RejectReason
	}
	c.Evidence = append(c.Evidence, d.AddEvidence...)
	c.History = append(c.History, Transition{From: c.State, To: d.To, By: d.By, At: d.At, Note: d.Note})
	c.State, c.UpdatedAt = d.To, d.At
	for _, l := range c.Leads {
		u, changed := unlocks[l.LeadID]
		if !changed {
			u, changed = f.Unlocks[l.LeadID]
			changed = changed && d.To.Final() && u.OpenCase == c.ID
		}
		if d.To.Final() && u.OpenCase == c.ID {
			u.OpenCase = ""
		}
		if changed {
			r.Unlocks = append(r.Unlocks, u)
		}
	}
	r.Case = c
	if d.Effects != nil {
		msgs, err := d.Effects(cloneCase(c), r.Balance)
		if err != nil {
			return DecisionResult{}, fmt.Errorf("effects of %s: %w", c.ID, err)
		}
		r.Outbox = msgs
	}
	return r, nil
}

// decided is the error of a decision that came too late: who moved the
// case last, and when.
func decided(c Case) *DecidedError {
	de := &DecidedError{CaseID: c.ID, State: c.State}
	if n := len(c.History); n > 0 {
		de.By, de.At = c.History[n-1].By, c.History[n-1].At
	}
	return de
}

// resolveApproval turns an approval request into the move it makes on the
// stored case c, by the policy's approval rule.
func resolveApproval(c Case, d Decision) (Decision, error) {
	if d.Authority == nil {
		return d, fmt.Errorf("approval of %s without an authority: %w", c.ID, ErrInvalid)
	}
	if c.State.Final() {
		return d, decided(c)
	}
	chosen := make([]string, 0, len(c.Leads))
	for _, l := range c.Leads {
		if d.Approve.Leads == nil || slices.ContainsFunc(d.Approve.Leads, func(id string) bool { return NormalizeLead(id) == l.LeadID }) {
			chosen = append(chosen, l.LeadID)
		}
	}
	for _, id := range d.Approve.Leads {
		if !slices.ContainsFunc(c.Leads, func(l CaseLead) bool { return l.LeadID == NormalizeLead(id) }) {
			return d, fmt.Errorf("lead %s is not in case %s: %w", id, c.ID, ErrInvalid)
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
	st, refusal := policy.CheckApproval(d.Authority.Policy, d.Authority.Approvers, d.By, c.TotalCoins(), prior)
	if refusal != nil {
		if refusal.Key == policy.KeyEphSecondMustDiffer {
			return d, fmt.Errorf("%s by %s: %w", c.ID, d.By, ErrSameApprover)
		}
		return d, fmt.Errorf("%s by %s: %w", c.ID, d.By, ErrNotApprover)
	}
	if !st.Final {
		// Like a final approval, a first one may come while the provider
		// is still asked a question: the agent decides without the answer.
		d.Expect = []policy.State{policy.StateOpen, policy.StateWaitingProvider}
		d.To = policy.StatePendingSecond
		d.Approval = &Approval{By: d.By, At: d.At, Leads: chosen}
		d.Leads = nil
		return d, nil
	}
	agreed := policy.AgreedLeads(append(priorLeads, chosen)...)
	d.Leads = make(map[string]policy.LeadDecision, len(c.Leads))
	states := make([]policy.LeadDecision, 0, len(c.Leads))
	for _, l := range c.Leads {
		v := policy.LeadRejected
		if slices.Contains(agreed, l.LeadID) {
			v = policy.LeadApproved
		}
		d.Leads[l.LeadID] = v
		states = append(states, v)
	}
	d.To, _ = policy.OutcomeState(states)
	d.Expect = []policy.State{policy.StateOpen, policy.StateWaitingProvider}
	if len(prior) > 0 {
		d.Expect = []policy.State{policy.StatePendingSecond}
	}
	d.Approval = nil
	return d, nil
}

// applyLeads applies d.Leads and the rules of d.To to the case's leads.
func applyLeads(c *Case, d Decision) error {
	index := make(map[string]int, len(c.Leads))
	for i, l := range c.Leads {
		index[l.LeadID] = i
	}
	for raw, dec := range d.Leads {
		i, ok := index[NormalizeLead(raw)]
		if !ok {
			return fmt.Errorf("lead %s is not in the case: %w", raw, ErrInvalid)
		}
		if dec != policy.LeadApproved && dec != policy.LeadRejected && dec != policy.LeadPending {
			return fmt.Errorf("lead %s: decision %q: %w", raw, dec, ErrInvalid)
		}
		if dec == policy.LeadApproved && (d.To == policy.StateRejected || d.To == policy.StateExpired) {
			return fmt.Errorf("lead %s approved in a move to %s: %w", raw, d.To, ErrInvalid)
		}
		c.Leads[i].Decision = dec
	}
	var approved, refused int
	for i := range c.Leads {
		l := &c.Leads[i]
		switch {
		case d.To == policy.StateRejected:
			l.Decision = policy.LeadRejected
		case d.To == policy.StatePartlyApproved && l.Decision != policy.LeadApproved:
			l.Decision = policy.LeadRejected
		}
		switch l.Decision {
		case policy.LeadApproved:
			approved++
		case policy.LeadRejected:
			refused++
		}
	}
	switch {
	case d.To == policy.StateApproved && approved != len(c.Leads):
		return fmt.Errorf("approved with %d of %d leads approved: %w", approved, len(c.Leads), ErrInvalid)
	case d.To == policy.StatePartlyApproved && (approved == 0 || refused == 0):
		return fmt.Errorf("partly approved with %d approved and %d refused: %w", approved, refused, ErrInvalid)
	case d.To == policy.StateExpired && approved > 0:
		return fmt.Errorf("expired with approved leads: %w", ErrInvalid)
	}
	return nil
}

// cloneCase copies a case so that changing the copy's slices and maps
// leaves the original as it was.
func cloneCase(c Case) Case {
	c.Leads = slices.Clone(c.Leads)
	c.History = slices.Clone(c.History)
	c.Approvals = slices.Clone(c.Approvals)
	c.Evidence = slices.Clone(c.Evidence)
	c.Failures = slices.Clone(c.Failures)
	if c.Answers != nil {
		m := make(map[string]string, len(c.Answers))
		for k, v := range c.Answers {
			m[k] = v
		}
		c.Answers = m
	}
	return c
}
