package csvimport

import (
	"context"
	"fmt"
	"io"

	"github.com/rockerstop/refundbot/conversations"
)

// Unlocks checks every row of an unlocks CSV
// (provider_id,lead_id,coins,unlocked_at,category) with
// conversations.UnlockBatch, the checks the platform API makes too, and
// records the new unlocks in one transaction, or none when a row is bad
// and skipBad is off.
//
// storage.RecordUnlocks is all or nothing, so the batch makes first, row
// by row in file order, every check it would fail on: an unknown
// provider, a lead recorded before with other data, and a debit that
// would take the wallet below zero (counting only the rows accepted before
// it). A row equal to the recorded unlock is unchanged and debits nothing.
func Unlocks(ctx context.Context, st Store, r io.Reader, opts Options) (Result, error) {
	required, optional := conversations.UnlockColumns()
	rows, bad, err := readCSV(r, required, optional)
	if err != nil {
		return Result{}, err
	}
	b := conversations.NewUnlockBatch(st, opts.Now, "line")
	bad, err = checkRows(ctx, rows, bad, func(row csvRow) error {
		return b.Add(ctx, row.line, conversations.UnlockRowOf(row.get))
	})
	if err != nil {
		return Result{}, err
	}
	res := Result{Fresh: b.New, Unchanged: b.Unchanged, Bad: bad}
	if len(bad) > 0 && !opts.SkipBad {
		return res, nil
	}
	if us := b.Unlocks(); len(us) > 0 {
		n, err := st.RecordUnlocks(ctx, us)
		if err != nil {
			return Result{}, fmt.Errorf("nothing written: %w", err)
		}
		if n != res.Fresh {
			return Result{}, fmt.Errorf("recorded %d new unlocks where %d were expected (was the database changed meanwhile?)", n, res.Fresh)
		}
	}
	res.Written = true
	return res, nil
}
