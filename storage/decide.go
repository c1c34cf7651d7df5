package storage

import (
	"bytes"
	"context"
	"encoding/json"
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
//
// The rules run first in a read transaction, beside the writer (see
// preDecide): the one writer of a burst then only checks that the
// records the facts came from are unchanged and writes.
func (db *DB) Decide(ctx context.Context, d conversations.Decision) (conversations.Case, error) {
	return db.decide(ctx, d, db.preDecide(ctx, d))
}

// decide commits d, reusing pre (may be nil) when its facts still hold.
func (db *DB) decide(ctx context.Context, d conversations.Decision, pre *preDecision) (conversations.Case, error) {
	var c conversations.Case
	var refused error
	err := db.batch(ctx, "decide "+d.CaseID, func(tx *bolt.Tx) error {
		c, refused = conversations.Case{}, nil
		var r conversations.DecisionResult
		var err error
		var caseJSON []byte
		if pre != nil && pre.holds(tx) {
			r, caseJSON = pre.result, pre.caseJSON
		} else if r, err = readAndDecide(tx, d); err != nil {
			refused = err // nothing was written
			return nil
		}
		c = r.Case
		return db.writeDecision(tx, d, r, caseJSON)
	})
	switch {
	case err != nil:
		return conversations.Case{}, err
	case refused != nil:
		return conversations.Case{}, fmt.Errorf("decide %s: %w", d.CaseID, refused)
	}
	return c, nil
}

// preDecision is a decision's result computed in a read transaction, with
// the stored records its facts were decoded from (key and value; a nil
// value is a record that was absent).
type preDecision struct {
	result   conversations.DecisionResult
	caseJSON []byte // result.Case, encoded
	records  []factRecord
}

type factRecord struct {
	bucket     []byte
	key, value []byte
}

// preDecide applies the rules to d outside the writer, in a read
// transaction: a burst's decisions decode their facts and run DecideCase
// (and its Effects) side by side on every core instead of one after the
// other in the group's write transaction. It returns nil when there is
// nothing to reuse: a refusal or an error is left to the write
// transaction to find again on the committed state.
func (db *DB) preDecide(ctx context.Context, d conversations.Decision) *preDecision {
	var p *preDecision
	_ = db.view(ctx, "pre-decide "+d.CaseID, func(tx *bolt.Tx) error {
		f, err := decisionFacts(tx, d.CaseID)
		if err != nil {
			return nil
		}
		r, err := conversations.DecideCase(f, d)
		if err != nil {
			return nil
		}
		data, err := json.Marshal(r.Case)
		if err != nil {
			return nil
		}
		seq, _ := caseSeq(d.CaseID) // decisionFacts found it
		p = &preDecision{result: r, caseJSON: data}
		for _, fr := range factRecords(seq, f.Case) {
			fr.value = bytes.Clone(tx.Bucket(fr.bucket).Get(fr.key))
			p.records = append(p.records, fr)
		}
		return nil
	})
	return p
}

// holds reports whether every record the facts came from is still as it
// was read. Then decisionFacts would decode the same facts inside tx, and
// DecideCase, a pure function of the facts and the decision, would give
// the same result: reusing it is the same as deciding again.
func (p *preDecision) holds(tx *bolt.Tx) bool {
	for _, fr := range p.records {
		v := tx.Bucket(fr.bucket).Get(fr.key)
		if (v == nil) != (fr.value == nil) || !bytes.Equal(v, fr.value) {
			return false
		}
	}
	return true
}

// factRecords are the records decisionFacts reads for case c, stored
// under seq: the case, the unlock of each of its leads and the provider's
// wallet.
func factRecords(seq uint64, c conversations.Case) []factRecord {
	rs := []factRecord{{bucket: bCases, key: u64(seq)}}
	for _, l := range c.Leads {
		rs = append(rs, factRecord{bucket: bUnlocks, key: join(c.ProviderID, []byte(l.LeadID))})
	}
	return append(rs, factRecord{bucket: bWallets, key: []byte(c.ProviderID)})
}

// readAndDecide reads the facts of d inside tx and applies the rules; it
// writes nothing.
func readAndDecide(tx *bolt.Tx, d conversations.Decision) (conversations.DecisionResult, error) {
	f, err := decisionFacts(tx, d.CaseID)
	if err != nil {
		return conversations.DecisionResult{}, err
	}
	return conversations.DecideCase(f, d)
}

// writeDecision writes the result of a decision inside tx; caseJSON, when
// set, is r.Case already encoded.
func (db *DB) writeDecision(tx *bolt.Tx, d conversations.Decision, r conversations.DecisionResult, caseJSON []byte) error {
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
	if err := putCaseEncoded(tx, r.Case, caseJSON); err != nil {
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
