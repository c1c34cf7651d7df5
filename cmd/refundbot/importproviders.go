package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

// importProviders checks every row of a providers CSV
// (provider_id,name,phone,language,opening_balance) and then upserts the
// good ones in one transaction, or none when a row is bad and skipBad is
// off. A row equal to the stored provider counts as unchanged; an empty
// language keeps the stored one (en for a new provider). The opening
// balance is applied by storage only when the wallet is new.
func importProviders(ctx context.Context, st importStore, r io.Reader, opts importOptions) (importResult, error) {
	rows, bad, err := readCSV(r, []string{"provider_id", "name", "phone"}, []string{"language", "opening_balance"})
	if err != nil {
		return importResult{}, err
	}
	var res importResult
	var write []conversations.Provider
	idLine := map[string]int{}    // provider ID → first line in the file
	phoneLine := map[string]int{} // E.164 → first line in the file
	for _, row := range rows {
		p, msg := parseProviderRow(row, opts.region)
		if msg == "" {
			if first, dup := idLine[p.ID]; dup {
				msg = fmt.Sprintf("provider_id %s appears again (first on line %d)", p.ID, first)
			} else if first, dup := phoneLine[p.Phone]; dup {
				msg = fmt.Sprintf("phone is the same as on line %d", first)
			}
		}
		if msg == "" {
			idLine[p.ID], phoneLine[p.Phone] = row.line, row.line
			var change string
			p, change, msg = compareProvider(ctx, st, p)
			switch change {
			case "new":
				res.fresh++
			case "updated":
				res.updated++
			case "unchanged":
				res.unchanged++
			}
		}
		if msg != "" {
			bad = append(bad, rowErrorf(row.line, "%s", msg))
			continue
		}
		write = append(write, p)
	}
	if ctx.Err() != nil {
		return importResult{}, ctx.Err()
	}
	res.bad = bad
	if len(bad) > 0 && !opts.skipBad {
		return res, nil
	}
	if len(write) > 0 {
		if err := st.UpsertProviders(ctx, write, opts.now); err != nil {
			return importResult{}, fmt.Errorf("nothing written: %w", err)
		}
	}
	res.written = true
	return res, nil
}

// parseProviderRow validates one row on its own; msg says what is wrong.
func parseProviderRow(row csvRow, region string) (p conversations.Provider, msg string) {
	p.ID = row.get("provider_id")
	if m := checkID("provider_id", p.ID); m != "" {
		return p, m
	}
	if p.Name = row.get("name"); p.Name == "" {
		return p, "name is empty"
	}
	phone, err := storage.NormalizePhone(row.get("phone"), region)
	if err != nil {
		return p, fmt.Sprintf("bad phone %q: not a valid number (region %s when it has no +country code)", row.get("phone"), region)
	}
	p.Phone = phone
	switch lang := policy.Lang(strings.ToLower(row.get("language"))); lang {
	case "", policy.LangEnglish, policy.LangHindi:
		p.Language = lang
	default:
		return p, fmt.Sprintf("unknown language %q (want en or hi, or leave it empty)", row.get("language"))
	}
	if s := row.get("opening_balance"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return p, fmt.Sprintf("opening_balance %q must be a whole number of coins, 0 or more", s)
		}
		p.OpeningBalance = n
	}
	return p, ""
}

// compareProvider classifies p against the store and fills an empty
// language from the stored provider.
func compareProvider(ctx context.Context, st importStore, p conversations.Provider) (conversations.Provider, string, string) {
	if owner, err := st.ProviderByPhone(ctx, p.Phone); err == nil && owner.ID != p.ID {
		return p, "", fmt.Sprintf("phone already belongs to provider %s", owner.ID)
	} else if err != nil && !errors.Is(err, conversations.ErrNotFound) {
		return p, "", fmt.Sprintf("cannot look up the phone: %v", err)
	}
	old, err := st.Provider(ctx, p.ID)
	switch {
	case errors.Is(err, conversations.ErrNotFound):
		if p.Language == "" {
			p.Language = policy.LangEnglish
		}
		return p, "new", ""
	case err != nil:
		return p, "", fmt.Sprintf("cannot look up the provider: %v", err)
	}
	if p.Language == "" {
		p.Language = old.Language
	}
	if old.Name == p.Name && old.Phone == p.Phone && old.Language == p.Language {
		return p, "unchanged", ""
	}
	return p, "updated", ""
}
