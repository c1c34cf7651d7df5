package conversations

import (
	"context"
	"errors"
	"time"
)

// settleTimeout bounds what settling an unconfirmed write may take: the
// re-read and the one retry. It is its own time, since the caller's may
// be what ran out.
const settleTimeout = 10 * time.Second

// settle finds out what became of a decision whose commit the store
// could not confirm (cause wraps ErrOutcomeUnknown: etcd timed out in a
// leader change, say). It reads the case: if the decision is there (its
// transition, by dec.By at dec.At: what this click wrote) it committed,
// and the case is returned as a success would return it. If it is not
// there it has not committed (yet: a batch may still be carrying it), and
// it is tried once more: the store's compare-and-set makes the two
// attempts one decision at most, so a late commit of the first makes the
// retry a refusal, which is checked against the case again. When the case
// cannot be read, or the retry is unconfirmed too, the error still wraps
// ErrOutcomeUnknown: the agent is told that, never that nothing changed.
func (d *DeskService) settle(ctx context.Context, dec Decision, cause error) (Case, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	c, err := d.o.Store.Case(ctx, dec.CaseID)
	if err != nil {
		return Case{}, cause
	}
	if landed(c, dec) {
		d.log.Warn("decision confirmed after an unconfirmed commit", "case_id", dec.CaseID, "by", dec.By)
		return c, nil
	}
	c, err = d.o.Store.Decide(ctx, dec)
	if errors.Is(err, ErrAlreadyDecided) || errors.Is(err, ErrSameApprover) {
		// The first attempt may have committed after the read.
		if now, rerr := d.o.Store.Case(ctx, dec.CaseID); rerr == nil && landed(now, dec) {
			return now, nil
		}
	}
	if err == nil {
		d.log.Warn("decision retried after an unconfirmed commit", "case_id", dec.CaseID, "by", dec.By)
	}
	return c, err
}

// landed reports whether c holds dec's transition: by the same author at
// the same instant, which no other decision has.
func landed(c Case, dec Decision) bool {
	for _, h := range c.History {
		if h.By == dec.By && h.At.Equal(dec.At) {
			return true
		}
	}
	return false
}
