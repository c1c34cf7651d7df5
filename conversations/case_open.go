package conversations

import (
	"fmt"
	"strconv"

	"github.com/rockerstop/refundbot/policy"
)

// CaseID formats a case sequence number as its ID, "RF-<n>".
func CaseID(seq uint64) string { return "RF-" + strconv.FormatUint(seq, 10) }

// SubmitFacts is what opening a case reads beside the request.
type SubmitFacts struct {
	// Seq is the new case's sequence number, given by the store.
	Seq uint64
	// Unlocks are the provider's unlocks of the leads asked for, by
	// normalised lead ID; a lead missing here was not unlocked by them.
	Unlocks map[string]Unlock
}

// SubmitResult is everything opening a case writes.
type SubmitResult struct {
	Case Case
	// Unlocks are the leads' unlocks, now reserved by the case.
	Unlocks []Unlock
	// Outbox are the messages of NewCase.Effects.
	Outbox []OutboxMessage
}

// OpenCase is what submitting does: the rules of a new case, pure like
// DecideCase. A case needs a reason and leads (else ErrInvalid); each
// lead, counted once however often it is named, must be unlocked by the
// provider (else *LeadError with ErrLeadNotUnlocked), not refunded
// (ErrLeadRefunded) and in no other open case (ErrLeadReserved). The case
// starts open with its first transition and reserves its leads.
func OpenCase(nc NewCase, f SubmitFacts) (SubmitResult, error) {
	if len(nc.LeadIDs) == 0 || nc.Reason == "" {
		return SubmitResult{}, fmt.Errorf("a case needs a reason and leads: %w", ErrInvalid)
	}
	c := Case{ID: CaseID(f.Seq), Seq: f.Seq, ProviderID: nc.ProviderID, ChatID: nc.ChatID,
		Language: nc.Language, Reason: nc.Reason, Answers: nc.Answers, Evidence: nc.Evidence,
		State: policy.StateOpen, CreatedAt: nc.At, UpdatedAt: nc.At,
		History: []Transition{{To: policy.StateOpen, By: nc.ProviderID, At: nc.At}}}
	c = cloneCase(c)
	var r SubmitResult
	seen := map[string]bool{}
	for _, raw := range nc.LeadIDs {
		lead := NormalizeLead(raw)
		if seen[lead] {
			continue
		}
		seen[lead] = true
		u, found := f.Unlocks[lead]
		switch {
		case !found:
			return SubmitResult{}, &LeadError{LeadID: lead, Err: ErrLeadNotUnlocked}
		case u.RefundedIn != "":
			return SubmitResult{}, &LeadError{LeadID: lead, CaseID: u.RefundedIn, Err: ErrLeadRefunded}
		case u.OpenCase != "":
			return SubmitResult{}, &LeadError{LeadID: lead, CaseID: u.OpenCase, Err: ErrLeadReserved}
		}
		u.OpenCase = c.ID
		r.Unlocks = append(r.Unlocks, u)
		c.Leads = append(c.Leads, CaseLead{LeadID: lead, Coins: u.Coins, Category: u.Category,
			UnlockedAt: u.UnlockedAt, Decision: policy.LeadPending})
	}
	r.Case = c
	if nc.Effects != nil {
		msgs, err := nc.Effects(cloneCase(c))
		if err != nil {
			return SubmitResult{}, fmt.Errorf("effects of %s: %w", c.ID, err)
		}
		r.Outbox = msgs
	}
	return r, nil
}
