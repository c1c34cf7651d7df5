package etcdstore

import (
	"context"
	"fmt"

	"github.com/rockerstop/refundbot/conversations"
)

// walletRec is a wallet's materialised balance and its entry count, kept
// in the same transaction as every entry. Entry sequences are per wallet
// (seq/entries 0 provider), so two wallets never contend for one counter;
// a wallet migrated from bbolt continues after its last global number.
type walletRec struct {
	Balance int64  `json:"balance"`
	Entries uint64 `json:"entries"`
}

// Wallet returns a provider's balance and entries, oldest first, read at
// one revision, or ErrNotFound for an unknown provider.
func (s *Store) Wallet(ctx context.Context, providerID string) (conversations.Wallet, error) {
	w := conversations.Wallet{ProviderID: providerID, Entries: []conversations.Entry{}}
	resp, err := s.cli.Get(ctx, s.k(bWallets, providerID))
	if err != nil {
		return w, fmt.Errorf("wallet %s: %w", providerID, err)
	}
	if len(resp.Kvs) == 0 {
		return w, fmt.Errorf("wallet %s: %w", providerID, conversations.ErrNotFound)
	}
	var rec walletRec
	if err := jsonDecode(resp.Kvs[0].Value, &rec); err != nil {
		return w, fmt.Errorf("wallet %s: %w", providerID, err)
	}
	w.Balance = rec.Balance
	kvs, _, err := s.list(ctx, s.k(bEntries, join(providerID, "")), 0, resp.Header.Revision)
	if err != nil {
		return w, fmt.Errorf("wallet %s: %w", providerID, err)
	}
	if w.Entries, err = decodeAll[conversations.Entry](kvs); err != nil {
		return w, fmt.Errorf("wallet %s: %w", providerID, err)
	}
	return w, nil
}

// Credit appends an opening or adjustment entry under its idempotency
// key, as storage.DB.Credit does; unlock debits and refund credits are
// written only by RecordUnlocks and Decide.
func (s *Store) Credit(ctx context.Context, e conversations.Entry) (conversations.Entry, error) {
	if e.Kind != conversations.EntryOpening && e.Kind != conversations.EntryAdjustment {
		return conversations.Entry{}, fmt.Errorf("credit %s: kind %q: %w", e.ProviderID, e.Kind, conversations.ErrInvalid)
	}
	var out conversations.Entry
	err := s.update(ctx, fmt.Sprintf("credit %s %q", e.ProviderID, e.Key), func(t *txn) error {
		var err error
		out, err = s.appendEntry(t, e)
		return err
	})
	return out, err
}

// appendEntry appends e to its wallet under the ledger's rule
// (conversations.CheckEntry: replayed key, conflict, never negative) and
// returns the stored entry (the original one for a repeat).
func (s *Store) appendEntry(t *txn, e conversations.Entry) (conversations.Entry, error) {
	var w walletRec
	found, err := t.getJSON(s.k(bWallets, e.ProviderID), &w)
	if err != nil {
		return e, err
	}
	if !found {
		return e, fmt.Errorf("wallet %q: %w", e.ProviderID, conversations.ErrNotFound)
	}
	var prior *conversations.Entry
	keyKey := s.k(bEntryKeys, join(e.ProviderID, e.Key))
	if e.Key != "" {
		seq, ok, err := t.get(keyKey)
		if err != nil {
			return e, err
		}
		if ok {
			var old conversations.Entry
			if _, err := t.getJSON(s.k(bEntries, join(e.ProviderID, seq)), &old); err != nil {
				return e, err
			}
			prior = &old
		}
	}
	if replay, err := conversations.CheckEntry(e, prior, w.Balance); err != nil || replay {
		if replay {
			return *prior, nil
		}
		return e, err
	}
	seq, err := s.nextSeq(t, entrySeqName(e.ProviderID))
	if err != nil {
		return e, err
	}
	w.Balance += e.Coins
	w.Entries++
	e.Seq, e.Balance = seq, w.Balance
	if err := t.putJSON(s.k(bEntries, join(e.ProviderID, u64(e.Seq))), e); err != nil {
		return e, err
	}
	t.put(keyKey, u64(e.Seq))
	return e, t.putJSON(s.k(bWallets, e.ProviderID), w)
}

// balance returns a wallet's balance inside t.
func (s *Store) balance(t *txn, providerID string) (int64, error) {
	var w walletRec
	_, err := t.getJSON(s.k(bWallets, providerID), &w)
	return w.Balance, err
}

// entrySeqName names a wallet's entry sequence.
func entrySeqName(providerID string) string { return join(bEntries, providerID) }
