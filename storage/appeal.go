package storage

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

var _ conversations.AppealStore = (*DB)(nil)

// SubmitAppeal creates the appeal of case na.Of in one transaction: the
// original must be the provider's (else ErrNotFound) and pass na.Guard
// (the appeal rules, checked on the stored case, so of two concurrent
// appeals one wins and the other gets the rules' refusal); the appeal is a
// new case RF-<n> with AppealOf set, the original's reason and answers,
// its refused leads (reserved again, as SubmitCase does: a lead refunded
// or in another open case meanwhile is a *LeadError) and na.Evidence; the
// original records AppealedIn; the outbox records of na.Effects,
// na.Session and na.Inbound commit with it. Any error writes nothing.
func (db *DB) SubmitAppeal(ctx context.Context, na conversations.NewAppeal) (conversations.Case, error) {
	var c conversations.Case
	err := db.update(ctx, "appeal "+na.Of, func(tx *bolt.Tx) error {
		orig, err := mustCase(tx, na.Of)
		if err != nil {
			return err
		}
		if orig.ProviderID != na.ProviderID {
			return fmt.Errorf("case %s of another provider: %w", na.Of, conversations.ErrNotFound)
		}
		if na.Guard != nil {
			if err := na.Guard(orig); err != nil {
				return err
			}
		}
		var leads []string
		for _, l := range conversations.RefusedLeads(orig) {
			leads = append(leads, l.LeadID)
		}
		if len(leads) == 0 {
			return fmt.Errorf("case %s has no refused lead to appeal: %w", orig.ID, conversations.ErrInvalid)
		}
		r, err := submitCase(tx, conversations.NewCase{ProviderID: orig.ProviderID, ChatID: na.ChatID,
			Language: na.Language, Reason: orig.Reason, Answers: orig.Answers, LeadIDs: leads,
			Evidence: na.Evidence, At: na.At, AppealOf: orig.ID})
		if err != nil {
			return err
		}
		c = r.Case
		orig.AppealedIn = c.ID
		if err := putCase(tx, orig); err != nil {
			return err
		}
		if na.Effects != nil {
			msgs, err := na.Effects(c)
			if err != nil {
				return fmt.Errorf("effects of %s: %w", c.ID, err)
			}
			if err := db.enqueue(tx, na.At, msgs); err != nil {
				return err
			}
		}
		if err := db.markInboundDone(tx, na.Inbound); err != nil {
			return err
		}
		if na.Session != nil {
			return putSession(tx, *na.Session)
		}
		return nil
	})
	if err != nil {
		return conversations.Case{}, err
	}
	return c, nil
}
