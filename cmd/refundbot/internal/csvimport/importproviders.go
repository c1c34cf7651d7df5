package csvimport

import (
	"context"
	"fmt"
	"io"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
)

// Providers checks every row of a providers CSV
// (provider_id,name,phone,language,opening_balance) with
// conversations.ProviderBatch, the checks the platform API makes too, and
// then upserts the new and changed providers in one transaction, or none
// when a row is bad and skipBad is off. A row equal to the stored provider
// counts as unchanged; an empty language keeps the stored one (en for a
// new provider). The opening balance is applied by storage only when the
// wallet is new.
func Providers(ctx context.Context, st Store, r io.Reader, opts Options) (Result, error) {
	required, optional := conversations.ProviderColumns()
	rows, bad, err := readCSV(r, required, optional)
	if err != nil {
		return Result{}, err
	}
	b := conversations.NewProviderBatch(st, PhoneNormalizer(opts.Region), "line")
	bad, err = checkRows(ctx, rows, bad, func(row csvRow) error {
		return b.Add(ctx, row.line, conversations.ProviderRowOf(row.get))
	})
	if err != nil {
		return Result{}, err
	}
	res := Result{Fresh: b.New, Updated: b.Updated, Unchanged: b.Unchanged, Bad: bad}
	if len(bad) > 0 && !opts.SkipBad {
		return res, nil
	}
	if ps := b.Providers(); len(ps) > 0 {
		if err := st.UpsertProviders(ctx, ps, opts.Now); err != nil {
			return Result{}, fmt.Errorf("nothing written: %w", err)
		}
	}
	res.Written = true
	return res, nil
}

// PhoneNormalizer returns the phone normalisation of rows: E.164 with
// region for numbers without a country code. The platform API takes the
// same function (bot.APIOptions.NormalizePhone), so a number means the
// same in a CSV file and in an API call.
func PhoneNormalizer(region string) func(raw string) (string, error) {
	return func(raw string) (string, error) {
		e164, err := storage.NormalizePhone(raw, region)
		if err != nil {
			if region == "" {
				region = "IN"
			}
			return "", fmt.Errorf("not a valid number (region %s when it has no +country code)", region)
		}
		return e164, nil
	}
}
