package storage

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// casePrefix starts every case ID: "RF-" and the case's sequence.
const casePrefix = "RF-"

// caseSeq parses "RF-<n>" (case-insensitively); ok is false otherwise.
func caseSeq(id string) (uint64, bool) { return conversations.CaseSeq(id) }

// caseID formats a case sequence as "RF-<n>".
func caseID(seq uint64) string { return conversations.CaseID(seq) }

// SubmitCase creates case RF-<n> in one transaction: it reads the
// provider (ErrNotFound if unknown), the next case sequence and the
// unlocks of the leads, calls conversations.OpenCase (the rules of a new
// case) and writes what that returns: the case and its indexes, the
// reserved unlocks, the outbox records, nc.Session and nc.Inbound's
// handled marker. Any error writes nothing.
//
// It goes through the group commit like a step (it is the submit step):
// the function has no effect outside its transaction and sets its output
// afresh each time bbolt runs it; a refused submission fails alone and
// rolls back nothing of the others (bbolt reruns it solo).
func (db *DB) SubmitCase(ctx context.Context, nc conversations.NewCase) (conversations.Case, error) {
	var c conversations.Case
	err := db.batch(ctx, "submit case for "+nc.ProviderID, func(tx *bolt.Tx) error {
		c = conversations.Case{}
		if err := checkInbound(tx, nc.Inbound); err != nil {
			return err
		}
		r, err := submitCase(tx, nc)
		if err != nil {
			return err
		}
		c = r.Case
		if err := db.enqueue(tx, nc.At, r.Outbox); err != nil {
			return err
		}
		if err := db.markInboundDone(tx, nc.Inbound); err != nil {
			return err
		}
		if nc.Session != nil {
			return putSession(tx, *nc.Session)
		}
		return nil
	})
	if err != nil {
		return conversations.Case{}, err
	}
	return c, nil
}

func submitCase(tx *bolt.Tx, nc conversations.NewCase) (conversations.SubmitResult, error) {
	if _, found, err := getProvider(tx, nc.ProviderID); err != nil {
		return conversations.SubmitResult{}, err
	} else if !found {
		return conversations.SubmitResult{}, fmt.Errorf("provider: %w", conversations.ErrNotFound)
	}
	f := conversations.SubmitFacts{Unlocks: make(map[string]conversations.Unlock, len(nc.LeadIDs))}
	for _, raw := range nc.LeadIDs {
		lead := NormalizeLead(raw)
		u, found, err := getUnlock(tx, nc.ProviderID, lead)
		if err != nil {
			return conversations.SubmitResult{}, err
		}
		if found {
			f.Unlocks[lead] = u.domain()
		}
	}
	var err error
	if f.Seq, err = tx.Bucket(bCases).NextSequence(); err != nil {
		return conversations.SubmitResult{}, err
	}
	r, err := conversations.OpenCase(nc, f)
	if err != nil {
		return r, err
	}
	for _, u := range r.Unlocks {
		if err := putUnlock(tx, unlockRecOf(u)); err != nil {
			return r, err
		}
	}
	seq := r.Case.Seq
	if err := putCase(tx, r.Case); err != nil {
		return r, err
	}
	if err := tx.Bucket(bCasesByProv).Put(join(r.Case.ProviderID, u64(seq)), nil); err != nil {
		return r, err
	}
	if err := tx.Bucket(bOpenCases).Put(u64(seq), nil); err != nil {
		return r, err
	}
	return r, indexSimilar(tx, r.Case)
}

// Case returns a case by ID ("RF-12"), or ErrNotFound.
func (db *DB) Case(ctx context.Context, id string) (conversations.Case, error) {
	var c conversations.Case
	err := db.view(ctx, "case "+id, func(tx *bolt.Tx) error {
		var err error
		c, err = mustCase(tx, id)
		return err
	})
	return c, err
}

// Cases lists a provider's cases (every case for ""), newest first.
func (db *DB) Cases(ctx context.Context, providerID string) ([]conversations.Case, error) {
	out := []conversations.Case{}
	err := db.view(ctx, "cases of "+providerID, func(tx *bolt.Tx) error {
		if providerID == "" {
			c := tx.Bucket(bCases).Cursor()
			for k, v := c.Last(); k != nil; k, v = c.Prev() {
				var cs conversations.Case
				if err := jsonDecode(v, &cs); err != nil {
					return err
				}
				out = append(out, cs)
			}
			return nil
		}
		prefix := join(providerID, nil)
		cur := tx.Bucket(bCasesByProv).Cursor()
		// Seek past the last key of the prefix, then walk back.
		end := join(providerID, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
		k, _ := cur.Seek(end)
		if k == nil {
			k, _ = cur.Last()
		} else {
			k, _ = cur.Prev()
		}
		for ; k != nil && hasPrefix(k, prefix); k, _ = cur.Prev() {
			cs, found, err := getCaseBySeq(tx, seqOf(k))
			if err != nil {
				return err
			}
			if found {
				out = append(out, cs)
			}
		}
		return nil
	})
	return out, err
}

// OpenCases lists the cases that are not final, oldest first.
func (db *DB) OpenCases(ctx context.Context) ([]conversations.Case, error) {
	out := []conversations.Case{}
	err := db.view(ctx, "open cases", func(tx *bolt.Tx) error {
		return tx.Bucket(bOpenCases).ForEach(func(k, _ []byte) error {
			cs, found, err := getCaseBySeq(tx, seqOf(k))
			if err != nil || !found {
				return err
			}
			out = append(out, cs)
			return nil
		})
	})
	return out, err
}

// SetCard records where the case card was posted in Slack. It shares the
// group commit: setting the same fields again is harmless.
func (db *DB) SetCard(ctx context.Context, caseID, channel, ts string) error {
	return db.batch(ctx, "set card of "+caseID, func(tx *bolt.Tx) error {
		c, err := mustCase(tx, caseID)
		if err != nil {
			return err
		}
		c.CardChannel, c.CardTS = channel, ts
		return putCase(tx, c)
	})
}

// mustCase loads a case by ID or returns ErrNotFound.
func mustCase(tx *bolt.Tx, id string) (conversations.Case, error) {
	seq, ok := caseSeq(id)
	if !ok {
		return conversations.Case{}, fmt.Errorf("case ID %q: %w", id, conversations.ErrNotFound)
	}
	c, found, err := getCaseBySeq(tx, seq)
	if err == nil && !found {
		err = conversations.ErrNotFound
	}
	return c, err
}

func getCaseBySeq(tx *bolt.Tx, seq uint64) (conversations.Case, bool, error) {
	var c conversations.Case
	found, err := getJSON(tx.Bucket(bCases), u64(seq), &c)
	return c, found, err
}

func putCase(tx *bolt.Tx, c conversations.Case) error {
	if err := indexEvidence(tx, c); err != nil {
		return err
	}
	return putJSON(tx.Bucket(bCases), u64(c.Seq), c)
}
