package storage

import (
	"context"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// Decide moves a case in one Update (never Batch: it moves money). In order:
// the case must be in one of d.Expect (else *DecidedError naming the last
// transition's author and time, so of any number of concurrent or repeated
// decisions exactly one takes effect); d.Guard must pass; policy.CanMove
// must allow the move (else ErrBadTransition); d.Leads are applied (a lead
// not in the case is ErrInvalid). Then, by d.To:
//   - approved: every lead must be approved;
//   - partly_approved: leads still pending are refused; at least one lead
//     must be approved and one refused;
//   - rejected: every lead is refused; expired: leads are left as they are;
//     neither may approve a lead;
//   - other states record decisions (a first approval) without moving money.
//
// Moving to approved or partly_approved credits each approved lead once
// (kind refund, key "refund:<case>:<lead>", Ref the case ID) and marks its
// unlock RefundedIn. The approval, question (kept only while waiting for
// the provider), reject reason, evidence and transition are recorded,
// reservations are released when d.To is final, and the records of
// d.Effects(case, balance after) are enqueued, and d.Session saved and
// d.Inbound marked handled, all in the same transaction.
func (db *DB) Decide(ctx context.Context, d conversations.Decision) (conversations.Case, error) {
	var c conversations.Case
	err := db.update(ctx, "decide "+d.CaseID, func(tx *bolt.Tx) error {
		var err error
		c, err = decide(tx, d)
		if err != nil {
			return err
		}
		if err := db.markInboundDone(tx, d.Inbound); err != nil {
			return err
		}
		if d.Session != nil {
			if err := putSession(tx, *d.Session); err != nil {
				return err
			}
		}
		if d.Effects == nil {
			return nil
		}
		bal, err := balance(tx, c.ProviderID)
		if err != nil {
			return err
		}
		msgs, err := d.Effects(c, bal)
		if err != nil {
			return fmt.Errorf("effects: %w", err)
		}
		return db.enqueue(tx, d.At, msgs)
	})
	if err != nil {
		return conversations.Case{}, err
	}
	return c, nil
}

func decide(tx *bolt.Tx, d conversations.Decision) (conversations.Case, error) {
	if len(d.Expect) == 0 {
		return conversations.Case{}, fmt.Errorf("a decision needs the expected states: %w", conversations.ErrInvalid)
	}
	c, err := mustCase(tx, d.CaseID)
	if err != nil {
		return c, err
	}
	if !slices.Contains(d.Expect, c.State) {
		last := c.History[len(c.History)-1]
		return c, &conversations.DecidedError{CaseID: c.ID, State: c.State, By: last.By, At: last.At}
	}
	if d.Guard != nil {
		if err := d.Guard(c); err != nil {
			return c, err
		}
	}
	if !policy.CanMove(c.State, d.To) {
		return c, fmt.Errorf("%s to %s: %w", c.State, d.To, conversations.ErrBadTransition)
	}
	if err := applyLeads(&c, d); err != nil {
		return c, err
	}
	if d.To == policy.StateApproved || d.To == policy.StatePartlyApproved {
		if err := credit(tx, &c, d); err != nil {
			return c, err
		}
	}
	if d.Approval != nil {
		a := *d.Approval
		a.Leads = slices.Clone(a.Leads)
		for i := range a.Leads {
			a.Leads[i] = NormalizeLead(a.Leads[i])
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
	c.History = append(c.History, conversations.Transition{From: c.State, To: d.To, By: d.By, At: d.At, Note: d.Note})
	c.State, c.UpdatedAt = d.To, d.At
	if d.To.Final() {
		if err := release(tx, c); err != nil {
			return c, err
		}
	}
	return c, putCase(tx, c)
}

// applyLeads applies d.Leads and the rules of d.To to the case's leads.
func applyLeads(c *conversations.Case, d conversations.Decision) error {
	index := map[string]int{}
	for i, l := range c.Leads {
		index[l.LeadID] = i
	}
	for raw, dec := range d.Leads {
		i, ok := index[NormalizeLead(raw)]
		if !ok {
			return fmt.Errorf("lead %s is not in the case: %w", raw, conversations.ErrInvalid)
		}
		if dec != policy.LeadApproved && dec != policy.LeadRejected && dec != policy.LeadPending {
			return fmt.Errorf("lead %s: decision %q: %w", raw, dec, conversations.ErrInvalid)
		}
		if dec == policy.LeadApproved && (d.To == policy.StateRejected || d.To == policy.StateExpired) {
			return fmt.Errorf("lead %s approved in a move to %s: %w", raw, d.To, conversations.ErrInvalid)
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
		return fmt.Errorf("approved with %d of %d leads approved: %w", approved, len(c.Leads), conversations.ErrInvalid)
	case d.To == policy.StatePartlyApproved && (approved == 0 || refused == 0):
		return fmt.Errorf("partly approved with %d approved and %d refused: %w", approved, refused, conversations.ErrInvalid)
	case d.To == policy.StateExpired && approved > 0:
		return fmt.Errorf("expired with approved leads: %w", conversations.ErrInvalid)
	}
	return nil
}

// credit writes one refund entry per approved lead and marks the unlocks.
func credit(tx *bolt.Tx, c *conversations.Case, d conversations.Decision) error {
	for _, l := range c.Leads {
		if l.Decision != policy.LeadApproved {
			continue
		}
		u, found, err := getUnlock(tx, c.ProviderID, l.LeadID)
		if err != nil {
			return err
		}
		if !found {
			return &conversations.LeadError{LeadID: l.LeadID, Err: conversations.ErrLeadNotUnlocked}
		}
		if u.RefundedIn != "" {
			return &conversations.LeadError{LeadID: l.LeadID, CaseID: u.RefundedIn, Err: conversations.ErrLeadRefunded}
		}
		if _, err := appendEntry(tx, conversations.Entry{ProviderID: c.ProviderID, Kind: conversations.EntryRefund,
			Coins: l.Coins, Ref: c.ID, Key: refundKey(c.ID, l.LeadID), At: d.At}); err != nil {
			return fmt.Errorf("credit lead %s: %w", l.LeadID, err)
		}
		u.RefundedIn = c.ID
		if err := putUnlock(tx, u); err != nil {
			return err
		}
		c.Credited += l.Coins
	}
	return nil
}

// release frees the leads of a case that became final.
func release(tx *bolt.Tx, c conversations.Case) error {
	for _, l := range c.Leads {
		u, found, err := getUnlock(tx, c.ProviderID, l.LeadID)
		if err != nil {
			return err
		}
		if found && u.OpenCase == c.ID {
			u.OpenCase = ""
			if err := putUnlock(tx, u); err != nil {
				return err
			}
		}
	}
	return tx.Bucket(bOpenCases).Delete(u64(c.Seq))
}

// refundKey is the idempotency key of the credit of one lead of a case.
func refundKey(caseID, lead string) string { return "refund:" + caseID + ":" + lead }
