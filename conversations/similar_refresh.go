package conversations

import (
	"context"
	"slices"
)

// SimilarRefresher is what the engine needs to update the cards a new
// case keeps company: a card offers "Decide similar…" only when other
// open cases are like it, so a card posted alone lacks the button until
// it is rendered again. A Store that implements it (storage.DB and the
// etcd store do) gets those cards updated after a submit; without it they
// show the button at their next update.
type SimilarRefresher interface {
	OpenSimilar(ctx context.Context, c Case) (OpenSimilar, error)
	Case(ctx context.Context, id string) (Case, error)
	Enqueue(ctx context.Context, msgs ...OutboxMessage) error
}

// refreshLonely queues a card update for each open case that c is the
// first to be like: one update per card in a wave (the second case of a
// kind updates the first card; later ones find company already there).
// It runs after the submit committed and is cosmetic: a failure is logged,
// the case stands, and the card shows the button at its next update.
func (e *Engine) refreshLonely(ctx context.Context, c Case) {
	st, ok := e.o.Store.(SimilarRefresher)
	if !ok {
		return
	}
	like, err := st.OpenSimilar(ctx, c)
	if err != nil {
		e.log.Warn("similar cards not refreshed", "case_id", c.ID, "error", err)
		return
	}
	var msgs []OutboxMessage
	for _, id := range lonelyCandidates(like) {
		o, err := st.Case(ctx, id)
		if err != nil {
			e.log.Warn("similar cards not refreshed", "case_id", c.ID, "error", err)
			return
		}
		theirs, err := st.OpenSimilar(ctx, o)
		if err != nil {
			e.log.Warn("similar cards not refreshed", "case_id", c.ID, "error", err)
			return
		}
		if ids := theirs.IDs(); len(ids) == 1 && ids[0] == c.ID {
			msgs = append(msgs, OutboxMessage{Transport: Slack, Kind: OutSlackCardUpdate, Recipient: e.channel(o), CaseID: o.ID, CreatedAt: c.CreatedAt})
		}
	}
	if len(msgs) == 0 {
		return
	}
	if err := st.Enqueue(ctx, msgs...); err != nil {
		e.log.Warn("similar cards not refreshed", "case_id", c.ID, "error", err)
		return
	}
	if e.o.OnCommit != nil {
		e.o.OnCommit()
	}
}

// lonelyCandidates are the cases of like that c may be the first company
// of: all of them, unless two or more share c's kind, when each of those
// keeps the others company and only the cases sharing a lead alone are
// left. In a wave of one kind this is a set lookup a case, not a scan of
// the kind for each of its members.
func lonelyCandidates(like OpenSimilar) []string {
	if len(like.Kind) <= 1 {
		return like.IDs()
	}
	kind := make(map[string]bool, len(like.Kind))
	for _, id := range like.Kind {
		kind[id] = true
	}
	return slices.DeleteFunc(OpenSimilar{ByLead: like.ByLead}.IDs(), func(id string) bool { return kind[id] })
}
