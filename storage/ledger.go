package storage

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// walletRec is a wallet's materialised balance, kept in the same
// transaction as every entry.
type walletRec struct {
	Balance int64  `json:"balance"`
	Entries uint64 `json:"entries"`
}

// entryRec is the stored form of a ledger entry.
type entryRec struct {
	Seq        uint64    `json:"seq"`
	ProviderID string    `json:"provider_id"`
	Kind       string    `json:"kind"`
	Coins      int64     `json:"coins"`
	Ref        string    `json:"ref"`
	Key        string    `json:"key"`
	At         time.Time `json:"at"`
	Balance    int64     `json:"balance"`
}

func (r entryRec) domain() conversations.Entry {
	return conversations.Entry{Seq: r.Seq, ProviderID: r.ProviderID, Kind: conversations.EntryKind(r.Kind),
		Coins: r.Coins, Ref: r.Ref, Key: r.Key, At: r.At, Balance: r.Balance}
}

// Wallet returns a provider's balance and entries, oldest first, or
// ErrNotFound for an unknown provider.
func (db *DB) Wallet(ctx context.Context, providerID string) (conversations.Wallet, error) {
	w := conversations.Wallet{ProviderID: providerID, Entries: []conversations.Entry{}}
	err := db.view(ctx, "wallet "+providerID, func(tx *bolt.Tx) error {
		var rec walletRec
		found, err := getJSON(tx.Bucket(bWallets), []byte(providerID), &rec)
		if err != nil {
			return err
		}
		if !found {
			return conversations.ErrNotFound
		}
		w.Balance = rec.Balance
		prefix := join(providerID, nil)
		c := tx.Bucket(bEntries).Cursor()
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			var e entryRec
			if err := jsonDecode(v, &e); err != nil {
				return err
			}
			w.Entries = append(w.Entries, e.domain())
		}
		return nil
	})
	return w, err
}

// Credit appends an opening or adjustment entry (Coins signed, not zero)
// under its idempotency key, unique per wallet. The same key and amount
// again returns the original entry and changes nothing; the same key with
// another amount is ErrKeyConflict; a result below zero is
// ErrInsufficientFunds. Unlock debits and refund credits are written only
// by RecordUnlocks and Decide, so those kinds are ErrInvalid here.
func (db *DB) Credit(ctx context.Context, e conversations.Entry) (conversations.Entry, error) {
	if e.Kind != conversations.EntryOpening && e.Kind != conversations.EntryAdjustment {
		return conversations.Entry{}, fmt.Errorf("credit %s: kind %q: %w", e.ProviderID, e.Kind, conversations.ErrInvalid)
	}
	var out conversations.Entry
	err := db.update(ctx, fmt.Sprintf("credit %s %q", e.ProviderID, e.Key), func(tx *bolt.Tx) error {
		var err error
		out, err = appendEntry(tx, e)
		return err
	})
	return out, err
}

// appendEntry appends e to its wallet and updates the balance, honouring
// the idempotency key. It returns the stored entry (the original one for a
// repeat).
func appendEntry(tx *bolt.Tx, e conversations.Entry) (conversations.Entry, error) {
	wallets, entries, keys := tx.Bucket(bWallets), tx.Bucket(bEntries), tx.Bucket(bEntryKeys)
	var w walletRec
	found, err := getJSON(wallets, []byte(e.ProviderID), &w)
	if err != nil {
		return e, err
	}
	if !found {
		return e, fmt.Errorf("wallet %q: %w", e.ProviderID, conversations.ErrNotFound)
	}
	keyKey := join(e.ProviderID, []byte(e.Key))
	var prior *conversations.Entry
	if seq := keys.Get(keyKey); seq != nil {
		var old entryRec
		if _, err := getJSON(entries, join(e.ProviderID, seq), &old); err != nil {
			return e, err
		}
		d := old.domain()
		prior = &d
	}
	if replay, err := conversations.CheckEntry(e, prior, w.Balance); err != nil || replay {
		if replay {
			return *prior, nil
		}
		return e, err
	}
	seq, err := entries.NextSequence()
	if err != nil {
		return e, err
	}
	w.Balance += e.Coins
	w.Entries++
	rec := entryRec{Seq: seq, ProviderID: e.ProviderID, Kind: string(e.Kind), Coins: e.Coins,
		Ref: e.Ref, Key: e.Key, At: e.At, Balance: w.Balance}
	if err := putJSON(entries, join(e.ProviderID, u64(seq)), rec); err != nil {
		return e, err
	}
	if err := keys.Put(keyKey, u64(seq)); err != nil {
		return e, err
	}
	if err := putJSON(wallets, []byte(e.ProviderID), w); err != nil {
		return e, err
	}
	return rec.domain(), nil
}

// balance returns a wallet's balance inside tx.
func balance(tx *bolt.Tx, providerID string) (int64, error) {
	var w walletRec
	_, err := getJSON(tx.Bucket(bWallets), []byte(providerID), &w)
	return w.Balance, err
}

// entryByKey looks an entry up by wallet and idempotency key.
func entryByKey(tx *bolt.Tx, providerID, key string) (entryRec, bool, error) {
	seq := tx.Bucket(bEntryKeys).Get(join(providerID, []byte(key)))
	if seq == nil {
		return entryRec{}, false, nil
	}
	var r entryRec
	found, err := getJSON(tx.Bucket(bEntries), join(providerID, seq), &r)
	return r, found, err
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

// seqOf decodes the big-endian sequence at the end of a composite key.
func seqOf(k []byte) uint64 {
	if len(k) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k[len(k)-8:])
}
