package storage

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

var _ conversations.AppealStore = (*DB)(nil)

// SubmitAppeal creates the appeal of case na.Of in one transaction: it
// reads the original and calls conversations.OpenAppeal (the appeal rules,
// checked on the stored case, so of two concurrent appeals one wins and
// the other gets the rules' refusal); the appeal is a new case RF-<n>
// opened as SubmitCase opens one (a lead refunded or in another open case
// meanwhile is a *LeadError); the original records AppealedIn; the outbox
// records of na.Effects, na.Session and na.Inbound commit with it. Any
// error writes nothing.
func (db *DB) SubmitAppeal(ctx context.Context, na conversations.NewAppeal) (conversations.Case, error) {
	var c conversations.Case
	err := db.update(ctx, "appeal "+na.Of, func(tx *bolt.Tx) error {
		if err := checkInbound(tx, na.Inbound); err != nil {
			return err
		}
		orig, err := mustCase(tx, na.Of)
		if err != nil {
			return err
		}
		nc, err := conversations.OpenAppeal(orig, na)
		if err != nil {
			return err
		}
		r, err := submitCase(tx, nc)
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
