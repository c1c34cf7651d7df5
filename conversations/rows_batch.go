package conversations

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// RowStore is what checking rows against the stored data needs; storage
// implements it (it is part of ProviderStore and WalletStore).
type RowStore interface {
	Provider(ctx context.Context, id string) (Provider, error)
	ProviderByPhone(ctx context.Context, phone string) (Provider, error)
	Wallet(ctx context.Context, providerID string) (Wallet, error)
	Unlock(ctx context.Context, providerID, leadID string) (Unlock, error)
}

// RowCounts says what writing a batch's good rows does.
type RowCounts struct {
	New, Updated, Unchanged int
}

// ProviderBatch checks provider rows, in order, against each other and
// against the store, and collects what to upsert. The store's upsert is
// all or nothing, so every check it would fail is made here first, with
// the row and field named. The checks hold when the write happens only if
// nothing else writes providers meanwhile: the caller serialises imports.
type ProviderBatch struct {
	st             RowStore
	normalizePhone func(string) (string, error)
	unit           string
	ids, phones    map[string]int // provider ID, E.164 → first position
	write          []Provider
	RowCounts
}

// NewProviderBatch starts a batch. normalizePhone is as for
// ValidateProviderRow; unit names a row's position in messages ("line"
// for a CSV file, "index" for a JSON array).
func NewProviderBatch(st RowStore, normalizePhone func(raw string) (string, error), unit string) *ProviderBatch {
	return &ProviderBatch{st: st, normalizePhone: normalizePhone, unit: unit, ids: map[string]int{}, phones: map[string]int{}}
}

// Add checks the row at position pos. A bad row is a *RowError and is
// left out; any other error is the store's, and the batch is to be
// abandoned. A row equal to the stored provider counts as unchanged and
// is not written again; an empty language keeps the stored one (en for a
// new provider).
func (b *ProviderBatch) Add(ctx context.Context, pos int, r ProviderRow) error {
	p, err := ValidateProviderRow(r, b.normalizePhone)
	if err != nil {
		return err
	}
	if first, dup := b.ids[p.ID]; dup {
		return rowErr(FieldProviderID, "provider_id %s appears again (first on %s %d)", p.ID, b.unit, first)
	}
	if first, dup := b.phones[p.Phone]; dup {
		return rowErr(FieldPhone, "phone is the same as on %s %d", b.unit, first)
	}
	b.ids[p.ID], b.phones[p.Phone] = pos, pos

	owner, err := b.st.ProviderByPhone(ctx, p.Phone)
	switch {
	case err == nil && owner.ID != p.ID:
		return rowErr(FieldPhone, "phone already belongs to provider %s", owner.ID)
	case err != nil && !errors.Is(err, ErrNotFound):
		return fmt.Errorf("check %s %d: look up the phone: %w", b.unit, pos, err)
	}
	old, err := b.st.Provider(ctx, p.ID)
	switch {
	case errors.Is(err, ErrNotFound):
		if p.Language == "" {
			p.Language = policy.LangEnglish
		}
		b.New++
		b.write = append(b.write, p)
		return nil
	case err != nil:
		return fmt.Errorf("check %s %d: look up provider %s: %w", b.unit, pos, p.ID, err)
	}
	if p.Language == "" {
		p.Language = old.Language
	}
	if old.Name == p.Name && old.Phone == p.Phone && old.Language == p.Language {
		b.Unchanged++ // the opening balance applies to new wallets only
		return nil
	}
	b.Updated++
	b.write = append(b.write, p)
	return nil
}

// Providers returns the new and changed providers, in row order.
func (b *ProviderBatch) Providers() []Provider { return b.write }

// UnlockBatch checks unlock rows, in order, against each other and the
// store, and collects the new unlocks to record. Like ProviderBatch, it
// makes first every check that the all-or-nothing RecordUnlocks would
// fail: an unknown provider, a lead recorded before with other data, and
// a debit that would take the wallet below zero, counting the rows added
// before it.
type UnlockBatch struct {
	st       RowStore
	now      time.Time
	unit     string
	seen     map[[2]string]int // provider, lead → first position
	balances map[string]*int64 // balance after the rows added so far; nil: unknown provider
	write    []Unlock
	RowCounts
}

// NewUnlockBatch starts a batch; now bounds unlocked_at (FutureSlack),
// unit is as for NewProviderBatch.
func NewUnlockBatch(st RowStore, now time.Time, unit string) *UnlockBatch {
	return &UnlockBatch{st: st, now: now, unit: unit, seen: map[[2]string]int{}, balances: map[string]*int64{}}
}

// Add checks the row at position pos, as ProviderBatch.Add does. A row
// equal to the recorded unlock is unchanged: it is not written and debits
// nothing.
func (b *UnlockBatch) Add(ctx context.Context, pos int, r UnlockRow) error {
	u, err := ValidateUnlockRow(r, b.now)
	if err != nil {
		return err
	}
	key := [2]string{u.ProviderID, u.LeadID}
	if first, dup := b.seen[key]; dup {
		return rowErr(FieldLeadID, "lead %s of provider %s appears again (first on %s %d)", u.LeadID, u.ProviderID, b.unit, first)
	}
	b.seen[key] = pos

	bal, known := b.balances[u.ProviderID]
	if !known {
		w, err := b.st.Wallet(ctx, u.ProviderID)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return fmt.Errorf("check %s %d: read the wallet of %s: %w", b.unit, pos, u.ProviderID, err)
		default:
			bal = &w.Balance
		}
		b.balances[u.ProviderID] = bal
	}
	if bal == nil {
		return rowErr(FieldProviderID, "unknown provider %s (import providers first)", u.ProviderID)
	}
	old, err := b.st.Unlock(ctx, u.ProviderID, u.LeadID)
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return fmt.Errorf("check %s %d: look up lead %s: %w", b.unit, pos, u.LeadID, err)
	case old.Coins == u.Coins && old.UnlockedAt.Equal(u.UnlockedAt) && old.Category == u.Category:
		b.Unchanged++
		return nil
	default:
		return rowErr(FieldLeadID, "lead %s of %s was recorded before with other data (%d coins at %s, category %q); a recorded unlock never changes",
			u.LeadID, u.ProviderID, old.Coins, old.UnlockedAt.Format(time.RFC3339), old.Category)
	}
	if *bal-u.Coins < 0 {
		return rowErr(FieldCoins, "the wallet of %s would go negative: balance %d, this unlock costs %d", u.ProviderID, *bal, u.Coins)
	}
	*bal -= u.Coins
	b.New++
	b.write = append(b.write, u)
	return nil
}

// Unlocks returns the new unlocks, in row order.
func (b *UnlockBatch) Unlocks() []Unlock { return b.write }
