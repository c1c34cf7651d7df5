package conversations

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// The platform sends providers and lead unlocks as rows: lines of
// providers.csv / unlocks.csv (refundbot import) or objects of the JSON
// arrays of POST /api/v1/providers and /api/v1/unlocks. Both read a row
// into ProviderRow or UnlockRow and validate it here, so a row means the
// same and fails with the same message whichever way it came.

// Field names of the rows: the CSV columns and the JSON keys.
const (
	FieldProviderID     = "provider_id"
	FieldName           = "name"
	FieldPhone          = "phone"
	FieldLanguage       = "language"
	FieldOpeningBalance = "opening_balance"
	FieldLeadID         = "lead_id"
	FieldCoins          = "coins"
	FieldUnlockedAt     = "unlocked_at"
	FieldCategory       = "category"
)

// FutureSlack is how far an unlocked_at may lie ahead of the clock before
// it is rejected as a typo (the platform's clock and ours differ).
const FutureSlack = time.Hour

// maxShortField bounds the fields of a row that have no rule of their
// own in policy (phone, language, numbers, times), so that a huge value
// is refused before it is read and never echoed back in full.
const maxShortField = 64

// ProviderColumns returns the fields of a provider row: the required ones
// (a CSV header must name them) and the optional ones.
func ProviderColumns() (required, optional []string) {
	return []string{FieldProviderID, FieldName, FieldPhone}, []string{FieldLanguage, FieldOpeningBalance}
}

// UnlockColumns returns the fields of an unlock row, like ProviderColumns.
func UnlockColumns() (required, optional []string) {
	return []string{FieldProviderID, FieldLeadID, FieldCoins, FieldUnlockedAt}, []string{FieldCategory}
}

// ProviderRow is one provider as received, every field as text (a number
// as its decimal text); "" is an absent field.
type ProviderRow struct {
	ProviderID, Name, Phone, Language, OpeningBalance string
}

// ProviderRowOf builds a row from a lookup of fields by name.
func ProviderRowOf(get func(field string) string) ProviderRow {
	return ProviderRow{ProviderID: get(FieldProviderID), Name: get(FieldName), Phone: get(FieldPhone),
		Language: get(FieldLanguage), OpeningBalance: get(FieldOpeningBalance)}
}

// UnlockRow is one lead unlock as received, every field as text.
type UnlockRow struct {
	ProviderID, LeadID, Coins, UnlockedAt, Category string
}

// UnlockRowOf builds a row from a lookup of fields by name.
func UnlockRowOf(get func(field string) string) UnlockRow {
	return UnlockRow{ProviderID: get(FieldProviderID), LeadID: get(FieldLeadID), Coins: get(FieldCoins),
		UnlockedAt: get(FieldUnlockedAt), Category: get(FieldCategory)}
}

// RowError is a bad row: the field at fault and a sentence for the
// operator that names it. errors.Is(err, ErrInvalid) holds.
type RowError struct {
	Field string
	Msg   string
}

func (e *RowError) Error() string { return e.Msg }

func (e *RowError) Unwrap() error { return ErrInvalid }

func rowErr(field, format string, args ...any) *RowError {
	return &RowError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// ValidateProviderRow checks a provider row on its own and returns the
// provider it describes, or a *RowError. Fields are trimmed. The phone is
// normalised to E.164 by normalizePhone (storage.NormalizePhone with the
// configured region, wired by cmd), whose error text ends the message. An
// empty language stays empty: the stored one (en for a new provider) is
// kept, see ProviderBatch.
func ValidateProviderRow(r ProviderRow, normalizePhone func(raw string) (string, error)) (Provider, error) {
	var p Provider
	p.ID = strings.TrimSpace(r.ProviderID)
	if err := checkRowID(FieldProviderID, p.ID); err != nil {
		return p, err
	}
	p.Name = strings.TrimSpace(r.Name)
	if err := policy.CheckName(FieldName, p.Name); err != nil {
		return p, fromPolicy(err)
	}
	if err := checkShort(FieldPhone, r.Phone, FieldLanguage, r.Language, FieldOpeningBalance, r.OpeningBalance); err != nil {
		return p, err
	}
	raw := strings.TrimSpace(r.Phone)
	phone, err := normalizePhone(raw)
	if err != nil {
		return p, rowErr(FieldPhone, "bad phone %q: %v", raw, err)
	}
	p.Phone = phone
	switch lang := policy.Lang(strings.ToLower(strings.TrimSpace(r.Language))); lang {
	case "", policy.LangEnglish, policy.LangHindi:
		p.Language = lang
	default:
		return p, rowErr(FieldLanguage, "unknown language %q (want en or hi, or leave it empty)", r.Language)
	}
	if s := strings.TrimSpace(r.OpeningBalance); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return p, rowErr(FieldOpeningBalance, "opening_balance %q must be a whole number of coins, 0 or more", s)
		}
		p.OpeningBalance = n
	}
	return p, nil
}

// ValidateUnlockRow checks an unlock row on its own and returns the
// unlock it describes, or a *RowError. Fields are trimmed; the lead ID is
// upper-cased as storage stores it; unlocked_at is RFC 3339 and at most
// FutureSlack after now.
func ValidateUnlockRow(r UnlockRow, now time.Time) (Unlock, error) {
	var u Unlock
	u.ProviderID = strings.TrimSpace(r.ProviderID)
	if err := checkRowID(FieldProviderID, u.ProviderID); err != nil {
		return u, err
	}
	// Checked before upper-casing: ToUpper turns bytes that are not UTF-8
	// into U+FFFD, which would hide them.
	u.LeadID = strings.TrimSpace(r.LeadID)
	if err := checkRowID(FieldLeadID, u.LeadID); err != nil {
		return u, err
	}
	u.LeadID = strings.ToUpper(u.LeadID)
	if err := checkShort(FieldCoins, r.Coins, FieldUnlockedAt, r.UnlockedAt); err != nil {
		return u, err
	}
	s := strings.TrimSpace(r.Coins)
	coins, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil:
		return u, rowErr(FieldCoins, "coins %q is not a whole number", s)
	case coins <= 0:
		return u, rowErr(FieldCoins, "coins must be positive, got %d", coins)
	}
	u.Coins = coins
	s = strings.TrimSpace(r.UnlockedAt)
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return u, rowErr(FieldUnlockedAt, "unlocked_at %q is not an RFC 3339 time such as 2026-03-01T10:30:00+05:30", s)
	}
	if at.After(now.Add(FutureSlack)) {
		return u, rowErr(FieldUnlockedAt, "unlocked_at %s is in the future", s)
	}
	u.UnlockedAt = at
	u.Category = strings.TrimSpace(r.Category)
	if err := policy.CheckCategory(FieldCategory, u.Category); err != nil {
		return u, fromPolicy(err)
	}
	return u, nil
}

// checkRowID says why id is not a usable provider or lead ID: the ID
// grammar of policy.CheckID, which the Telegram lead-ID parser shares, so
// every lead the platform sends can be named in a chat.
func checkRowID(field, id string) *RowError {
	if err := policy.CheckID(field, id); err != nil {
		return fromPolicy(err)
	}
	return nil
}

// checkShort checks field/value pairs that have no rule of their own:
// at most maxShortField bytes of plain text (policy.CheckPlain).
func checkShort(pairs ...string) *RowError {
	for i := 0; i+1 < len(pairs); i += 2 {
		field, v := pairs[i], strings.TrimSpace(pairs[i+1])
		if len(v) > maxShortField {
			return rowErr(field, "%s is longer than %d characters", field, maxShortField)
		}
		if err := policy.CheckPlain(field, v); err != nil {
			return fromPolicy(err)
		}
	}
	return nil
}

func fromPolicy(e *policy.BadField) *RowError { return &RowError{Field: e.Field, Msg: e.Msg} }
