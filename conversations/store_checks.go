package conversations

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// The checks below are what every store refuses before it writes a
// provider or an unlock, whatever its engine (bbolt, etcd): one home, so
// the backends cannot disagree. The edges check rows with policy's field
// rules first (ValidateProviderRow); these are the last line of defence.

// CheckStoreKey refuses an ID that cannot be a key: empty, too long, not
// valid UTF-8 or with a control character (a NUL would break a composite
// key, and JSON replaces invalid UTF-8, so the record would read back
// different).
func CheckStoreKey(field, id string) error {
	if id == "" || len(id) > 256 {
		return fmt.Errorf("%s is empty or longer than 256 bytes: %w", field, ErrInvalid)
	}
	if bad := policy.CheckPlain(field, id); bad != nil {
		return fmt.Errorf("%s: %w", bad.Msg, ErrInvalid)
	}
	return nil
}

// ValidLang reports whether l is a language the bot speaks.
func ValidLang(l policy.Lang) bool { return l == policy.LangEnglish || l == policy.LangHindi }

// CheckStoreProvider checks a provider before it is upserted and fills its
// default language. The phone is normalised by the store.
func CheckStoreProvider(p Provider) (Provider, error) {
	if err := CheckStoreKey("provider_id", p.ID); err != nil {
		return p, err
	}
	if bad := policy.CheckPlain("name", p.Name); bad != nil {
		return p, fmt.Errorf("%s: %w", bad.Msg, ErrInvalid)
	}
	if p.Language == "" {
		p.Language = policy.LangEnglish
	}
	if !ValidLang(p.Language) {
		return p, fmt.Errorf("language %q is not en or hi: %w", p.Language, ErrInvalid)
	}
	if p.OpeningBalance < 0 {
		return p, fmt.Errorf("negative opening balance: %w", ErrInvalid)
	}
	return p, nil
}

// CheckStoreUnlock checks an unlock before it is recorded and returns it
// with its lead ID normalised. The lead is checked before NormalizeLead:
// ToUpper turns bytes that are not UTF-8 into U+FFFD, which would hide
// them.
func CheckStoreUnlock(u Unlock) (Unlock, error) {
	if err := CheckStoreKey("lead_id", u.LeadID); err != nil {
		return u, err
	}
	u.LeadID = NormalizeLead(u.LeadID)
	if err := CheckStoreKey("provider_id", u.ProviderID); err != nil {
		return u, err
	}
	if bad := policy.CheckPlain("category", u.Category); bad != nil {
		return u, fmt.Errorf("%s: %w", bad.Msg, ErrInvalid)
	}
	if u.Coins <= 0 {
		return u, fmt.Errorf("coins must be positive, got %d: %w", u.Coins, ErrInvalid)
	}
	return u, nil
}

// OpeningEntry is the ledger entry of a new wallet's opening balance;
// ok is false when there is none.
func OpeningEntry(p Provider, at time.Time) (Entry, bool) {
	return Entry{ProviderID: p.ID, Kind: EntryOpening, Coins: p.OpeningBalance, Ref: "opening balance",
		Key: "opening:" + p.ID, At: at}, p.OpeningBalance != 0
}

// UnlockEntry is the ledger debit of a recorded unlock (lead normalised).
func UnlockEntry(u Unlock) Entry {
	return Entry{ProviderID: u.ProviderID, Kind: EntryUnlock, Coins: -u.Coins, Ref: u.LeadID,
		Key: "unlock:" + u.LeadID, At: u.UnlockedAt}
}

// CheckUnlockRepeat says whether an unlock recorded before (old) may take
// u again: the same coins, time and category are a harmless repeat (nil);
// anything else is ErrKeyConflict.
func CheckUnlockRepeat(old, u Unlock) error {
	if old.Coins != u.Coins || !old.UnlockedAt.Equal(u.UnlockedAt) || old.Category != u.Category {
		return fmt.Errorf("already recorded with other data (%d coins, %s): %w",
			old.Coins, old.UnlockedAt.Format(time.RFC3339), ErrKeyConflict)
	}
	return nil
}

// CheckEntry is the ledger's rule for appending e to a wallet holding
// balance, where prior is the entry already stored under e's idempotency
// key (nil if none). replay is true when prior is the same entry again
// (the store returns prior and writes nothing). An entry needs a key and
// non-zero coins; the same key with another amount is ErrKeyConflict; a
// balance below zero is ErrInsufficientFunds: a wallet never goes negative.
func CheckEntry(e Entry, prior *Entry, balance int64) (replay bool, err error) {
	if e.Key == "" || e.Coins == 0 {
		return false, fmt.Errorf("entry needs a key and non-zero coins: %w", ErrInvalid)
	}
	if prior != nil {
		if prior.Coins != e.Coins {
			return false, fmt.Errorf("key %q was used for %d coins, not %d: %w", e.Key, prior.Coins, e.Coins, ErrKeyConflict)
		}
		return true, nil
	}
	if balance+e.Coins < 0 {
		return false, fmt.Errorf("balance %d, entry %d: %w", balance, e.Coins, ErrInsufficientFunds)
	}
	return false, nil
}

// CaseSeq parses a case ID "RF-<n>" (case-insensitively, spaces around
// ignored) into its sequence; ok is false for anything else.
func CaseSeq(id string) (uint64, bool) {
	const prefix = "RF-"
	id = strings.TrimSpace(id)
	if len(id) <= len(prefix) || !strings.EqualFold(id[:len(prefix)], prefix) {
		return 0, false
	}
	n, err := strconv.ParseUint(id[len(prefix):], 10, 64)
	return n, err == nil && n > 0
}

// Advance moves m to slot (never back) and clears the last failure: what
// every store records when a job's slot is done.
func (m *JobMark) Advance(slot, at time.Time) {
	if slot.After(m.Slot) {
		m.Slot, m.At = slot, at
	}
	m.FailedSlot, m.FailedAt, m.Err = time.Time{}, time.Time{}, ""
}
