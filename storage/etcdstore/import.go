package etcdstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// Imports and etcd's limits. A batch that fits in one transaction is one
// transaction, all or nothing, as on bbolt. A larger batch (a provider
// costs up to five writes, an unlock four, against 128 operations a Txn)
// is first run whole as a dry run that writes nothing, so a bad row, a
// phone that belongs to someone else or a debit beyond a balance refuses
// the whole batch before anything is written; then it is applied in
// chunks of chunkRows rows, each chunk one transaction. Every row is
// idempotent (an unlock is recorded and debited once, an opening balance
// applied once), so a crash between chunks is finished by importing the
// same file again, which changes nothing that was already written. What
// this does not give is isolation: a reader may see the first chunks
// before the last, and a concurrent change between the dry run and a
// chunk (another import debiting the same wallet) can refuse a later
// chunk; the error says so and the re-run completes it.

// chunkRows is how many rows one import transaction writes: 20 unlocks
// are at most 80 writes and 100 compares.
const chunkRows = 20

// UpsertProviders writes providers; the opening balance is applied once,
// when the wallet is new.
func (s *Store) UpsertProviders(ctx context.Context, ps []conversations.Provider, at time.Time) error {
	_, err := importRows(ctx, s, "upsert providers", ps, func(t *txn, p conversations.Provider) (bool, error) {
		if err := s.upsertProvider(t, p, at); err != nil {
			return false, fmt.Errorf("provider %q: %w", p.ID, err)
		}
		return true, nil
	})
	return err
}

// RecordUnlocks records unlocks once per provider and lead, debiting the
// wallet once each; it returns how many were new.
func (s *Store) RecordUnlocks(ctx context.Context, us []conversations.Unlock) (int, error) {
	return importRows(ctx, s, "record unlocks", us, func(t *txn, u conversations.Unlock) (bool, error) {
		fresh, err := s.recordUnlock(t, u)
		if err != nil {
			return false, fmt.Errorf("unlock of lead %s by provider %s: %w", conversations.NormalizeLead(u.LeadID), u.ProviderID, err)
		}
		return fresh, nil
	})
}

// importRows applies rows with one, as described above; it counts the
// rows for which one reported true.
func importRows[T any](ctx context.Context, s *Store, op string, rows []T, one func(*txn, T) (bool, error)) (int, error) {
	var n int
	all := func(rows []T) func(*txn) error {
		return func(t *txn) error {
			n = 0
			for _, r := range rows {
				fresh, err := one(t, r)
				if err != nil {
					return err
				}
				if fresh {
					n++
				}
			}
			return nil
		}
	}
	err := s.update(ctx, op, all(rows))
	if !errors.Is(err, ErrTooLarge) {
		return n, err
	}
	// Too large for one Txn: the dry run above already ran every row
	// against the store without an error (else err would be that error),
	// so apply in chunks.
	total := 0
	for lo := 0; lo < len(rows); lo += chunkRows {
		hi := min(lo+chunkRows, len(rows))
		if err := s.update(ctx, fmt.Sprintf("%s (rows %d to %d of %d)", op, lo+1, hi, len(rows)), all(rows[lo:hi])); err != nil {
			return total, fmt.Errorf("%w; rows before %d are written: import the same rows again to finish", err, lo+1)
		}
		total += n
	}
	return total, nil
}
