package storage

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// Decide moves a case in one transaction. It holds no rule of its own: it
// reads the case, the unlocks of its leads and the provider's balance,
// calls conversations.DecideCase and writes what that returns: the case,
// the refund entries under their idempotency keys "refund:<case>:<lead>"
// (appendEntry refuses a negative balance and replays a key), the changed
// unlocks, the open-case and similar-case indexes of a final case, the
// outbox records, and d.Session and d.Inbound's handled marker.
//
// Decisions go through bbolt's Batch (group commit), so a burst of
// clicks shares fsyncs. That is safe because the function has no effect
// outside its transaction and resets its outputs each time it runs: bbolt
// may run it twice, and a rerun starts from the committed state (a rolled
// back attempt's credits and outbox sequence included) and reaches the
// same result, so the exactly-once rules hold (the store contract and the
// concurrency tests run on this path). A refused decision (a late click,
// the same approver again) writes nothing and returns nil to Batch, with
// its error kept aside: an error would make bbolt roll back the whole
// group and run every other decision in it again.
func (db *DB) Decide(ctx context.Context, d conversations.Decision) (conversations.Case, error) {
	var c conversations.Case
	var refused error
	err := db.batch(ctx, "decide "+d.CaseID, func(tx *bolt.Tx) error {
		c, refused = conversations.Case{}, nil
		r, err := readAndDecide(tx, d)
		if err != nil {
			refused = err // nothing was written
			return nil
		}
		c = r.Case
		return db.writeDecision(tx, d, r)
	})
	switch {
	case err != nil:
		return conversations.Case{}, err
	case refused != nil:
		return conversations.Case{}, fmt.Errorf("decide %s: %w", d.CaseID, refused)
	}
	return c, nil
}

// readAndDecide reads the facts of d inside tx and applies the rules; it
// writes nothing.
func readAndDecide(tx *bolt.Tx, d conversations.Decision) (conversations.DecisionResult, error) {
	if err := checkInbound(tx, d.Inbound); err != nil {
		return conversations.DecisionResult{}, err
	}
	f, err := decisionFacts(tx, d.CaseID)
	if err != nil {
		return conversations.DecisionResult{}, err
	}
	return conversations.DecideCase(f, d)
}

// writeDecision writes the result of a decision inside tx.
func (db *DB) writeDecision(tx *bolt.Tx, d conversations.Decision, r conversations.DecisionResult) error {
	for _, e := range r.Entries {
		if _, err := appendEntry(tx, e); err != nil {
			return err
		}
	}
	for _, u := range r.Unlocks {
		if err := putUnlock(tx, unlockRecOf(u)); err != nil {
			return err
		}
	}
	if r.Case.State.Final() {
		if err := tx.Bucket(bOpenCases).Delete(u64(r.Case.Seq)); err != nil {
			return err
		}
		if err := unindexSimilar(tx, r.Case); err != nil {
			return err
		}
	}
	if err := putCase(tx, r.Case); err != nil {
		return err
	}
	if err := db.enqueue(tx, d.At, r.Outbox); err != nil {
		return err
	}
	if err := db.markInboundDone(tx, d.Inbound); err != nil {
		return err
	}
	if d.Session != nil {
		return putSession(tx, *d.Session)
	}
	return nil
}

// decisionFacts reads what DecideCase needs about a case.
func decisionFacts(tx *bolt.Tx, caseID string) (conversations.DecisionFacts, error) {
	c, err := mustCase(tx, caseID)
	if err != nil {
		return conversations.DecisionFacts{}, err
	}
	f := conversations.DecisionFacts{Case: c, Unlocks: make(map[string]conversations.Unlock, len(c.Leads))}
	for _, l := range c.Leads {
		u, found, err := getUnlock(tx, c.ProviderID, l.LeadID)
		if err != nil {
			return f, err
		}
		if found {
			f.Unlocks[l.LeadID] = u.domain()
		}
	}
	if f.Balance, err = balance(tx, c.ProviderID); err != nil {
		return f, err
	}
	return f, nil
}

// refundKey is the idempotency key of the credit of one lead of a case.
func refundKey(caseID, lead string) string { return conversations.RefundKey(caseID, lead) }
