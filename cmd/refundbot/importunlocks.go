package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
)

// futureSlack is how far an unlocked_at may lie ahead of the clock before
// it is rejected as a typo (clocks of the platform and of this host differ).
const futureSlack = time.Hour

// importUnlocks checks every row of an unlocks CSV
// (provider_id,lead_id,coins,unlocked_at,category) and records the good
// ones in one transaction, or none when a row is bad and skipBad is off.
//
// storage.RecordUnlocks is all or nothing, so the per-row checks it would
// fail on are made here first, row by row in file order: an unknown
// provider, a lead recorded before with other data, and a debit that would
// take the wallet below zero (counting only the rows accepted before it).
// A row equal to the recorded unlock is unchanged and debits nothing.
func importUnlocks(ctx context.Context, st importStore, r io.Reader, opts importOptions) (importResult, error) {
	rows, bad, err := readCSV(r, []string{"provider_id", "lead_id", "coins", "unlocked_at"}, []string{"category"})
	if err != nil {
		return importResult{}, err
	}
	var res importResult
	var write []conversations.Unlock
	seen := map[[2]string]int{}     // provider, lead → first line
	balances := map[string]*int64{} // provider → balance after the rows accepted so far; nil: unknown provider
	for _, row := range rows {
		u, msg := parseUnlockRow(row, opts.now)
		key := [2]string{u.ProviderID, u.LeadID}
		if first, dup := seen[key]; msg == "" && dup {
			msg = fmt.Sprintf("lead %s of provider %s appears again (first on line %d)", u.LeadID, u.ProviderID, first)
		}
		if msg == "" {
			seen[key] = row.line
			var isNew bool
			isNew, msg = checkUnlock(ctx, st, u, balances)
			switch {
			case msg != "":
			case isNew:
				res.fresh++
			default:
				res.unchanged++
			}
		}
		if msg != "" {
			bad = append(bad, rowErrorf(row.line, "%s", msg))
			continue
		}
		write = append(write, u)
	}
	if ctx.Err() != nil {
		return importResult{}, ctx.Err()
	}
	res.bad = bad
	if len(bad) > 0 && !opts.skipBad {
		return res, nil
	}
	if len(write) > 0 {
		n, err := st.RecordUnlocks(ctx, write)
		if err != nil {
			return importResult{}, fmt.Errorf("nothing written: %w", err)
		}
		if n != res.fresh {
			return importResult{}, fmt.Errorf("recorded %d new unlocks where %d were expected (was the database changed meanwhile?)", n, res.fresh)
		}
	}
	res.written = true
	return res, nil
}

// parseUnlockRow validates one row on its own; msg says what is wrong.
func parseUnlockRow(row csvRow, now time.Time) (u conversations.Unlock, msg string) {
	u.ProviderID = row.get("provider_id")
	if m := checkID("provider_id", u.ProviderID); m != "" {
		return u, m
	}
	u.LeadID = storage.NormalizeLead(row.get("lead_id"))
	if m := checkID("lead_id", u.LeadID); m != "" {
		return u, m
	}
	coins, err := strconv.ParseInt(row.get("coins"), 10, 64)
	switch {
	case err != nil:
		return u, fmt.Sprintf("coins %q is not a whole number", row.get("coins"))
	case coins <= 0:
		return u, fmt.Sprintf("coins must be positive, got %d", coins)
	}
	u.Coins = coins
	at, err := time.Parse(time.RFC3339, row.get("unlocked_at"))
	if err != nil {
		return u, fmt.Sprintf("unlocked_at %q is not an RFC 3339 time such as 2026-03-01T10:30:00+05:30", row.get("unlocked_at"))
	}
	if at.After(now.Add(futureSlack)) {
		return u, fmt.Sprintf("unlocked_at %s is in the future", row.get("unlocked_at"))
	}
	u.UnlockedAt = at
	u.Category = row.get("category")
	return u, ""
}

// checkUnlock checks u against the store and the running balances.
func checkUnlock(ctx context.Context, st importStore, u conversations.Unlock, balances map[string]*int64) (isNew bool, msg string) {
	bal, known := balances[u.ProviderID]
	if !known {
		w, err := st.Wallet(ctx, u.ProviderID)
		switch {
		case errors.Is(err, conversations.ErrNotFound):
		case err != nil:
			return false, fmt.Sprintf("cannot read the wallet of %s: %v", u.ProviderID, err)
		default:
			bal = &w.Balance
		}
		balances[u.ProviderID] = bal
	}
	if bal == nil {
		return false, fmt.Sprintf("unknown provider %s (import providers first)", u.ProviderID)
	}
	old, err := st.Unlock(ctx, u.ProviderID, u.LeadID)
	switch {
	case errors.Is(err, conversations.ErrNotFound):
	case err != nil:
		return false, fmt.Sprintf("cannot look up lead %s: %v", u.LeadID, err)
	case old.Coins == u.Coins && old.UnlockedAt.Equal(u.UnlockedAt) && old.Category == u.Category:
		return false, ""
	default:
		return false, fmt.Sprintf("lead %s of %s was recorded before with other data (%d coins at %s, category %q); a recorded unlock never changes",
			u.LeadID, u.ProviderID, old.Coins, old.UnlockedAt.Format(time.RFC3339), old.Category)
	}
	if *bal-u.Coins < 0 {
		return false, fmt.Sprintf("the wallet of %s would go negative: balance %d, this unlock costs %d", u.ProviderID, *bal, u.Coins)
	}
	*bal -= u.Coins
	return true, ""
}
