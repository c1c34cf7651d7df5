package storage

import (
	"context"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// Decide moves a case in one transaction. It holds no rule of its own: it
// reads the case, the unlocks of its leads and the provider's balance,
// calls conversations.DecideCase and writes what that returns: the case,
// the refund entries under their idempotency keys "refund:<case>:<lead>"
// (appendEntry refuses a negative balance and replays a key), the changed
// unlocks, the open-case index of a final case, the outbox records, and
// d.Session and d.Inbound's handled marker.
func (db *DB) Decide(ctx context.Context, d conversations.Decision) (conversations.Case, error) {
	var c conversations.Case
	err := db.update(ctx, "decide "+d.CaseID, func(tx *bolt.Tx) error {
		var err error
		c, err = db.decide(tx, d)
		return err
	})
	if err != nil {
		return conversations.Case{}, err
	}
	return c, nil
}

// decide reads, decides and writes one decision inside tx. Everything it
// returns is computed afresh from tx on every call, so it may run again.
func (db *DB) decide(tx *bolt.Tx, d conversations.Decision) (conversations.Case, error) {
	f, err := decisionFacts(tx, d.CaseID)
	if err != nil {
		return conversations.Case{}, err
	}
	r, err := conversations.DecideCase(f, d)
	if err != nil {
		return conversations.Case{}, err
	}
	for _, e := range r.Entries {
		if _, err := appendEntry(tx, e); err != nil {
			return conversations.Case{}, err
		}
	}
	for _, u := range r.Unlocks {
		if err := putUnlock(tx, unlockRecOf(u)); err != nil {
			return conversations.Case{}, err
		}
	}
	if r.Case.State.Final() {
		if err := tx.Bucket(bOpenCases).Delete(u64(r.Case.Seq)); err != nil {
			return conversations.Case{}, err
		}
	}
	if err := putCase(tx, r.Case); err != nil {
		return conversations.Case{}, err
	}
	if err := db.enqueue(tx, d.At, r.Outbox); err != nil {
		return conversations.Case{}, err
	}
	if err := db.markInboundDone(tx, d.Inbound); err != nil {
		return conversations.Case{}, err
	}
	if d.Session != nil {
		if err := putSession(tx, *d.Session); err != nil {
			return conversations.Case{}, err
		}
	}
	return r.Case, nil
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
