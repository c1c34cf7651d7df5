package storage

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// unlockRec is the stored form of a lead unlock.
type unlockRec struct {
	ProviderID string    `json:"provider_id"`
	LeadID     string    `json:"lead_id"`
	Coins      int64     `json:"coins"`
	UnlockedAt time.Time `json:"unlocked_at"`
	Category   string    `json:"category"`
	OpenCase   string    `json:"open_case,omitempty"`
	RefundedIn string    `json:"refunded_in,omitempty"`
}

func (r unlockRec) domain() conversations.Unlock {
	return conversations.Unlock{ProviderID: r.ProviderID, LeadID: r.LeadID, Coins: r.Coins,
		UnlockedAt: r.UnlockedAt, Category: r.Category, OpenCase: r.OpenCase, RefundedIn: r.RefundedIn}
}

func unlockRecOf(u conversations.Unlock) unlockRec {
	return unlockRec{ProviderID: u.ProviderID, LeadID: u.LeadID, Coins: u.Coins,
		UnlockedAt: u.UnlockedAt, Category: u.Category, OpenCase: u.OpenCase, RefundedIn: u.RefundedIn}
}

// NormalizeLead returns the stored form of a lead ID: trimmed, upper-case
// (conversations.NormalizeLead). Lead IDs are case-insensitive.
func NormalizeLead(id string) string { return conversations.NormalizeLead(id) }

// RecordUnlocks records unlocks in one transaction, all or nothing, and
// returns how many were new. Each new unlock debits its provider's wallet
// once (kind unlock, key "unlock:<LEAD>", Ref the lead ID). A repeat with
// the same coins, time and category is a no-op; a repeat with other data
// is ErrKeyConflict. An unknown provider is ErrNotFound; a debit that would
// make a wallet negative is ErrInsufficientFunds naming provider and lead.
func (db *DB) RecordUnlocks(ctx context.Context, us []conversations.Unlock) (int, error) {
	var fresh int
	err := db.update(ctx, "record unlocks", func(tx *bolt.Tx) error {
		fresh = 0
		for _, u := range us {
			isNew, err := recordUnlock(tx, u)
			if err != nil {
				return fmt.Errorf("unlock of lead %s by provider %s: %w", NormalizeLead(u.LeadID), u.ProviderID, err)
			}
			if isNew {
				fresh++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return fresh, nil
}

func recordUnlock(tx *bolt.Tx, u conversations.Unlock) (bool, error) {
	u, err := conversations.CheckStoreUnlock(u)
	if err != nil {
		return false, err
	}
	lead := u.LeadID
	if _, found, err := getProvider(tx, u.ProviderID); err != nil {
		return false, err
	} else if !found {
		return false, fmt.Errorf("provider: %w", conversations.ErrNotFound)
	}
	key := join(u.ProviderID, []byte(lead))
	var old unlockRec
	found, err := getJSON(tx.Bucket(bUnlocks), key, &old)
	if err != nil {
		return false, err
	}
	if found {
		return false, conversations.CheckUnlockRepeat(old.domain(), u)
	}
	rec := unlockRec{ProviderID: u.ProviderID, LeadID: lead, Coins: u.Coins, UnlockedAt: u.UnlockedAt, Category: u.Category}
	if err := putJSON(tx.Bucket(bUnlocks), key, rec); err != nil {
		return false, err
	}
	if err := tx.Bucket(bUnlocksByLead).Put(join(lead, []byte(u.ProviderID)), nil); err != nil {
		return false, err
	}
	_, err = appendEntry(tx, conversations.UnlockEntry(u))
	return true, err
}

// Unlock returns one provider's unlock of a lead, or ErrNotFound.
func (db *DB) Unlock(ctx context.Context, providerID, leadID string) (conversations.Unlock, error) {
	var u conversations.Unlock
	lead := NormalizeLead(leadID)
	err := db.view(ctx, fmt.Sprintf("unlock %s/%s", providerID, lead), func(tx *bolt.Tx) error {
		r, found, err := getUnlock(tx, providerID, lead)
		if err != nil {
			return err
		}
		if !found {
			return conversations.ErrNotFound
		}
		u = r.domain()
		return nil
	})
	return u, err
}

// UnlockByLead returns every provider's unlock of a lead (empty when none),
// so the dialogue can tell "not yours" from "unknown".
func (db *DB) UnlockByLead(ctx context.Context, leadID string) ([]conversations.Unlock, error) {
	lead := NormalizeLead(leadID)
	us := []conversations.Unlock{}
	err := db.view(ctx, "unlocks of lead "+lead, func(tx *bolt.Tx) error {
		prefix := join(lead, nil)
		c := tx.Bucket(bUnlocksByLead).Cursor()
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			r, found, err := getUnlock(tx, string(k[len(prefix):]), lead)
			if err != nil {
				return err
			}
			if found {
				us = append(us, r.domain())
			}
		}
		return nil
	})
	return us, err
}

// Unlocks returns a provider's unlocks in lead ID order (empty when none).
func (db *DB) Unlocks(ctx context.Context, providerID string) ([]conversations.Unlock, error) {
	us := []conversations.Unlock{}
	err := db.view(ctx, "unlocks of "+providerID, func(tx *bolt.Tx) error {
		prefix := join(providerID, nil)
		c := tx.Bucket(bUnlocks).Cursor()
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			var r unlockRec
			if err := jsonDecode(v, &r); err != nil {
				return err
			}
			us = append(us, r.domain())
		}
		return nil
	})
	return us, err
}

func getUnlock(tx *bolt.Tx, providerID, lead string) (unlockRec, bool, error) {
	var r unlockRec
	found, err := getJSON(tx.Bucket(bUnlocks), join(providerID, []byte(lead)), &r)
	return r, found, err
}

func putUnlock(tx *bolt.Tx, r unlockRec) error {
	return putJSON(tx.Bucket(bUnlocks), join(r.ProviderID, []byte(r.LeadID)), r)
}
