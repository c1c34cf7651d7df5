package etcdstore

import (
	"context"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// SubmitCase creates case RF-<n> in one transaction: it reads the
// provider, the next case sequence and the unlocks of the leads, calls
// conversations.OpenCase (the rules of a new case) and writes what that
// returns with its indexes, the outbox records, nc.Session and
// nc.Inbound's handled marker. Any error writes nothing.
func (s *Store) SubmitCase(ctx context.Context, nc conversations.NewCase) (conversations.Case, error) {
	var c conversations.Case
	err := s.update(ctx, "submit case for "+nc.ProviderID, func(t *txn) error {
		c = conversations.Case{}
		if err := s.checkInbound(t, nc.Inbound); err != nil {
			return err
		}
		r, err := s.openCase(t, nc)
		if err != nil {
			return err
		}
		c = r.Case
		return s.writeEffects(t, nc.At, r.Outbox, nc.Inbound, nc.Session)
	})
	if err != nil {
		return conversations.Case{}, err
	}
	return c, nil
}

// SubmitAppeal opens the appeal of a refused case in one transaction:
// conversations.OpenAppeal (the rules) on the stored original, the new
// case as SubmitCase writes one, the original marked AppealedIn, the
// appeal's outbox records, session and handled update.
func (s *Store) SubmitAppeal(ctx context.Context, na conversations.NewAppeal) (conversations.Case, error) {
	var c conversations.Case
	err := s.update(ctx, "appeal "+na.Of, func(t *txn) error {
		c = conversations.Case{}
		if err := s.checkInbound(t, na.Inbound); err != nil {
			return err
		}
		orig, err := s.mustCase(t, na.Of)
		if err != nil {
			return err
		}
		nc, err := conversations.OpenAppeal(orig, na)
		if err != nil {
			return err
		}
		r, err := s.openCase(t, nc)
		if err != nil {
			return err
		}
		orig.AppealedIn = r.Case.ID
		if err := s.putCase(t, orig); err != nil {
			return err
		}
		msgs := r.Outbox
		if na.Effects != nil {
			more, err := na.Effects(r.Case)
			if err != nil {
				return fmt.Errorf("effects of %s: %w", r.Case.ID, err)
			}
			msgs = append(msgs, more...)
		}
		c = r.Case
		return s.writeEffects(t, na.At, msgs, na.Inbound, na.Session)
	})
	if err != nil {
		return conversations.Case{}, err
	}
	return c, nil
}

// openCase reads what conversations.OpenCase needs (the provider, the
// unlocks of the leads, the next case sequence) inside t, calls it and
// writes the case, its indexes and the reserved unlocks.
func (s *Store) openCase(t *txn, nc conversations.NewCase) (conversations.SubmitResult, error) {
	if _, found, err := t.get(s.k(bProviders, nc.ProviderID)); err != nil {
		return conversations.SubmitResult{}, err
	} else if !found {
		return conversations.SubmitResult{}, fmt.Errorf("provider: %w", conversations.ErrNotFound)
	}
	f := conversations.SubmitFacts{Unlocks: make(map[string]conversations.Unlock, len(nc.LeadIDs))}
	for _, raw := range nc.LeadIDs {
		lead := conversations.NormalizeLead(raw)
		var u conversations.Unlock
		if found, err := t.getJSON(s.k(bUnlocks, join(nc.ProviderID, lead)), &u); err != nil {
			return conversations.SubmitResult{}, err
		} else if found {
			f.Unlocks[lead] = u
		}
	}
	var err error
	if f.Seq, err = s.nextSeq(t, bCases); err != nil {
		return conversations.SubmitResult{}, err
	}
	r, err := conversations.OpenCase(nc, f)
	if err != nil {
		return r, err
	}
	for _, u := range r.Unlocks {
		if err := t.putJSON(s.k(bUnlocks, join(u.ProviderID, u.LeadID)), u); err != nil {
			return r, err
		}
	}
	t.put(s.k(bCasesByProv, join(r.Case.ProviderID, u64(r.Case.Seq))), "")
	t.put(s.k(bOpenCases, u64(r.Case.Seq)), "")
	return r, s.putCase(t, r.Case)
}

// Decide moves a case in one transaction. It holds no rule of its own: it
// reads the case, the unlocks of its leads and the provider's balance,
// calls conversations.DecideCase and writes what that returns: the case,
// the refund entries under their idempotency keys (appendEntry refuses a
// negative balance and replays a key), the changed unlocks, the open-case
// index of a final case, the outbox records, d.Session and d.Inbound's
// handled marker. A concurrent decision on the same case changes what
// this one read, so its commit fails and it runs again on the new state:
// of fifty identical clicks one credits and the rest are refused by
// DecideCase.
func (s *Store) Decide(ctx context.Context, d conversations.Decision) (conversations.Case, error) {
	var c conversations.Case
	err := s.update(ctx, "decide "+d.CaseID, func(t *txn) error {
		c = conversations.Case{}
		if err := s.checkInbound(t, d.Inbound); err != nil {
			return err
		}
		cs, err := s.mustCase(t, d.CaseID)
		if err != nil {
			return err
		}
		f := conversations.DecisionFacts{Case: cs, Unlocks: make(map[string]conversations.Unlock, len(cs.Leads))}
		for _, l := range cs.Leads {
			var u conversations.Unlock
			if found, err := t.getJSON(s.k(bUnlocks, join(cs.ProviderID, l.LeadID)), &u); err != nil {
				return err
			} else if found {
				f.Unlocks[l.LeadID] = u
			}
		}
		if f.Balance, err = s.balance(t, cs.ProviderID); err != nil {
			return err
		}
		r, err := conversations.DecideCase(f, d)
		if err != nil {
			return err
		}
		for _, e := range r.Entries {
			if _, err := s.appendEntry(t, e); err != nil {
				return err
			}
		}
		for _, u := range r.Unlocks {
			if err := t.putJSON(s.k(bUnlocks, join(u.ProviderID, u.LeadID)), u); err != nil {
				return err
			}
		}
		if r.Case.State.Final() {
			t.del(s.k(bOpenCases, u64(r.Case.Seq)))
		}
		c = r.Case
		return s.writeCase(t, r.Case, d.At, r.Outbox, d.Inbound, d.Session)
	})
	if err != nil {
		return conversations.Case{}, err
	}
	return c, nil
}

// writeCase writes a decided case and what the decision causes besides
// the ledger and the unlocks, inside t.
func (s *Store) writeCase(t *txn, c conversations.Case, at time.Time, out []conversations.OutboxMessage,
	in *conversations.InboundRef, session *conversations.Session) error {
	if err := s.putCase(t, c); err != nil {
		return err
	}
	return s.writeEffects(t, at, out, in, session)
}

// writeEffects writes a change's outbox records, its handled inbound
// update and its session, inside t.
func (s *Store) writeEffects(t *txn, at time.Time, out []conversations.OutboxMessage,
	in *conversations.InboundRef, session *conversations.Session) error {
	if err := s.enqueue(t, at, out); err != nil {
		return err
	}
	if err := s.markInboundDone(t, in); err != nil {
		return err
	}
	if session != nil {
		return s.putSession(t, *session)
	}
	return nil
}

// Case returns a case by ID ("RF-12"), or ErrNotFound.
func (s *Store) Case(ctx context.Context, id string) (conversations.Case, error) {
	seq, ok := conversations.CaseSeq(id)
	if !ok {
		return conversations.Case{}, fmt.Errorf("case ID %q: %w", id, conversations.ErrNotFound)
	}
	var c conversations.Case
	found, err := s.getJSON(ctx, s.k(bCases, u64(seq)), &c)
	if err == nil && !found {
		err = conversations.ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("case %s: %w", id, err)
	}
	return c, nil
}

// Cases lists a provider's cases (every case for ""), newest first.
func (s *Store) Cases(ctx context.Context, providerID string) ([]conversations.Case, error) {
	if providerID == "" {
		kvs, _, err := s.list(ctx, s.bucketPrefix(bCases), 0, 0)
		if err != nil {
			return nil, fmt.Errorf("cases: %w", err)
		}
		out, err := decodeAll[conversations.Case](kvs)
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
		return out, err
	}
	kvs, rev, err := s.list(ctx, s.k(bCasesByProv, join(providerID, "")), 0, 0)
	if err != nil {
		return nil, fmt.Errorf("cases of %s: %w", providerID, err)
	}
	keys := make([]string, len(kvs))
	for i, kv := range kvs {
		keys[len(kvs)-1-i] = s.k(bCases, u64(seqOf(kv.Key)))
	}
	return s.casesAt(ctx, keys, rev)
}

// OpenCases lists the cases that are not final, oldest first.
func (s *Store) OpenCases(ctx context.Context) ([]conversations.Case, error) {
	kvs, rev, err := s.list(ctx, s.bucketPrefix(bOpenCases), 0, 0)
	if err != nil {
		return nil, fmt.Errorf("open cases: %w", err)
	}
	keys := make([]string, len(kvs))
	for i, kv := range kvs {
		keys[i] = s.k(bCases, kv.Key)
	}
	return s.casesAt(ctx, keys, rev)
}

// OpenSimilar finds the other open cases like c. The etcd store keeps no
// similar-case index (bbolt does): it reads the open cases and applies
// the rule.
func (s *Store) OpenSimilar(ctx context.Context, c conversations.Case) (conversations.OpenSimilar, error) {
	open, err := s.OpenCases(ctx)
	if err != nil {
		return conversations.OpenSimilar{}, err
	}
	return conversations.OpenSimilarOf(c, open), nil
}

func (s *Store) casesAt(ctx context.Context, keys []string, rev int64) ([]conversations.Case, error) {
	vals, found, err := s.getMany(ctx, keys, rev)
	if err != nil {
		return nil, err
	}
	out := []conversations.Case{}
	for i, v := range vals {
		if !found[i] {
			continue
		}
		var c conversations.Case
		if err := jsonDecode([]byte(v), &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// SetCard records where the case card was posted in Slack.
func (s *Store) SetCard(ctx context.Context, caseID, channel, ts string) error {
	return s.update(ctx, "set card of "+caseID, func(t *txn) error {
		c, err := s.mustCase(t, caseID)
		if err != nil {
			return err
		}
		c.CardChannel, c.CardTS = channel, ts
		return s.putCase(t, c)
	})
}

// mustCase loads a case by ID inside t, or returns ErrNotFound.
func (s *Store) mustCase(t *txn, id string) (conversations.Case, error) {
	var c conversations.Case
	seq, ok := conversations.CaseSeq(id)
	if !ok {
		return c, fmt.Errorf("case ID %q: %w", id, conversations.ErrNotFound)
	}
	found, err := t.getJSON(s.k(bCases, u64(seq)), &c)
	if err == nil && !found {
		err = conversations.ErrNotFound
	}
	return c, err
}

// putCase writes a case and indexes its evidence by hash.
func (s *Store) putCase(t *txn, c conversations.Case) error {
	for _, e := range c.Evidence {
		if e.SHA256 == "" || e.Kind == conversations.EvidenceText {
			continue
		}
		t.put(s.k(bEvidenceIdx, join(e.SHA256, u64(c.Seq))), c.ProviderID)
	}
	return t.putJSON(s.k(bCases, u64(c.Seq)), c)
}

// nextSeq returns the next number of the named sequence inside t.
func (s *Store) nextSeq(t *txn, name string) (uint64, error) {
	v, _, err := t.get(s.k(bSeq, name))
	if err != nil {
		return 0, err
	}
	n := uint64(1)
	if len(v) == 8 {
		n = seqOf(v) + 1 // v is be(last)
	}
	t.put(s.k(bSeq, name), u64(n))
	return n, nil
}
