package conversations

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// testPhone is a stand-in for storage.NormalizePhone: "+" and 12 digits,
// spaces ignored.
func testPhone(raw string) (string, error) {
	s := strings.ReplaceAll(raw, " ", "")
	if len(s) != 13 || s[0] != '+' || strings.Trim(s[1:], "0123456789") != "" {
		return "", errors.New("not a valid number")
	}
	return s, nil
}

func TestValidateProviderRow(t *testing.T) {
	long := strings.Repeat("p", policy.MaxIDLen)
	for _, tc := range []struct {
		name  string
		row   ProviderRow
		field string // "" when valid
		want  Provider
	}{
		{"valid, trimmed", ProviderRow{" P-1 ", " Asha ", "+91 98100 12345", " HI ", " 10 "}, "",
			Provider{ID: "P-1", Name: "Asha", Phone: "+919810012345", Language: policy.LangHindi, OpeningBalance: 10}},
		{"language and balance optional", ProviderRow{ProviderID: long, Name: "A", Phone: "+919810012345"}, "",
			Provider{ID: long, Name: "A", Phone: "+919810012345"}},
		{"zero balance", ProviderRow{ProviderID: "P", Name: "A", Phone: "+919810012345", OpeningBalance: "0"}, "",
			Provider{ID: "P", Name: "A", Phone: "+919810012345"}},
		{"id too long", ProviderRow{ProviderID: long + "p", Name: "A", Phone: "+919810012345"}, FieldProviderID, Provider{}},
		{"id with a space", ProviderRow{ProviderID: "P 1", Name: "A", Phone: "+919810012345"}, FieldProviderID, Provider{}},
		{"no id", ProviderRow{Name: "A", Phone: "+919810012345"}, FieldProviderID, Provider{}},
		{"no name", ProviderRow{ProviderID: "P", Name: "  ", Phone: "+919810012345"}, FieldName, Provider{}},
		{"bad phone", ProviderRow{ProviderID: "P", Name: "A", Phone: "12345"}, FieldPhone, Provider{}},
		{"bad language", ProviderRow{ProviderID: "P", Name: "A", Phone: "+919810012345", Language: "fr"}, FieldLanguage, Provider{}},
		{"negative balance", ProviderRow{ProviderID: "P", Name: "A", Phone: "+919810012345", OpeningBalance: "-1"}, FieldOpeningBalance, Provider{}},
		{"id not UTF-8", ProviderRow{ProviderID: "P-\xe9", Name: "A", Phone: "+919810012345"}, FieldProviderID, Provider{}},
		{"id with a dot and a slash", ProviderRow{ProviderID: "P.8/9", Name: "A", Phone: "+919810012345"}, FieldProviderID, Provider{}},
		{"name of 200 characters", ProviderRow{ProviderID: "P", Name: strings.Repeat("अ", policy.MaxNameLen), Phone: "+919810012345"}, "",
			Provider{ID: "P", Name: strings.Repeat("अ", policy.MaxNameLen), Phone: "+919810012345"}},
		{"name of 201 characters", ProviderRow{ProviderID: "P", Name: strings.Repeat("a", policy.MaxNameLen+1), Phone: "+919810012345"}, FieldName, Provider{}},
		{"Latin-1 name", ProviderRow{ProviderID: "P", Name: "Jos\xe9", Phone: "+919810012345"}, FieldName, Provider{}},
		{"name with a control character", ProviderRow{ProviderID: "P", Name: "A\x1bB", Phone: "+919810012345"}, FieldName, Provider{}},
		{"phone with a NUL", ProviderRow{ProviderID: "P", Name: "A", Phone: "+91981001\x002345"}, FieldPhone, Provider{}},
		{"fractional balance", ProviderRow{ProviderID: "P", Name: "A", Phone: "+919810012345", OpeningBalance: "1.5"}, FieldOpeningBalance, Provider{}},
	} {
		p, err := ValidateProviderRow(tc.row, testPhone)
		var re *RowError
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field == "" && p != tc.want:
			t.Errorf("%s: got %+v, want %+v", tc.name, p, tc.want)
		case tc.field != "" && (!errors.As(err, &re) || re.Field != tc.field || !errors.Is(err, ErrInvalid)):
			t.Errorf("%s: got %v, want a RowError on %s", tc.name, err, tc.field)
		case tc.field != "" && !strings.Contains(re.Msg, strings.SplitN(tc.field, "_", 2)[0]):
			t.Errorf("%s: message %q does not name the field %s", tc.name, re.Msg, tc.field)
		}
	}
}

func TestValidateUnlockRow(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	ok := UnlockRow{ProviderID: "P-1", LeadID: " l-1 ", Coins: "120", UnlockedAt: "2026-03-10T18:30:00+05:30", Category: " Plumbing "}
	u, err := ValidateUnlockRow(ok, now)
	if err != nil || u.LeadID != "L-1" || u.Coins != 120 || !u.UnlockedAt.Equal(now.Add(time.Hour)) || u.Category != "Plumbing" {
		t.Fatalf("valid row: %+v, %v", u, err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(r *UnlockRow)
		field string
	}{
		{"the last allowed second", func(r *UnlockRow) { r.UnlockedAt = now.Add(FutureSlack).Format(time.RFC3339) }, ""},
		{"one second later", func(r *UnlockRow) { r.UnlockedAt = now.Add(FutureSlack + time.Second).Format(time.RFC3339) }, FieldUnlockedAt},
		{"no zone", func(r *UnlockRow) { r.UnlockedAt = "2026-03-10T10:00:00" }, FieldUnlockedAt},
		{"one coin", func(r *UnlockRow) { r.Coins = "1" }, ""},
		{"zero coins", func(r *UnlockRow) { r.Coins = "0" }, FieldCoins},
		{"negative coins", func(r *UnlockRow) { r.Coins = "-5" }, FieldCoins},
		{"overflowing coins", func(r *UnlockRow) { r.Coins = "9223372036854775808" }, FieldCoins},
		{"no coins", func(r *UnlockRow) { r.Coins = "" }, FieldCoins},
		{"no lead", func(r *UnlockRow) { r.LeadID = " " }, FieldLeadID},
		{"no provider", func(r *UnlockRow) { r.ProviderID = "" }, FieldProviderID},
		{"lead of 32 characters", func(r *UnlockRow) { r.LeadID = strings.Repeat("L", policy.MaxIDLen) }, ""},
		{"lead of 33 characters", func(r *UnlockRow) { r.LeadID = strings.Repeat("L", policy.MaxIDLen+1) }, FieldLeadID},
		{"lead with a dot and a slash", func(r *UnlockRow) { r.LeadID = "L.8/9" }, FieldLeadID},
		{"lead not UTF-8", func(r *UnlockRow) { r.LeadID = "L-\xff" }, FieldLeadID},
		{"category of 64 characters", func(r *UnlockRow) { r.Category = strings.Repeat("c", policy.MaxCategoryLen) }, ""},
		{"category of 65 characters", func(r *UnlockRow) { r.Category = strings.Repeat("c", policy.MaxCategoryLen+1) }, FieldCategory},
		{"category not UTF-8", func(r *UnlockRow) { r.Category = "Caf\xe9" }, FieldCategory},
	} {
		row := ok
		tc.edit(&row)
		_, err := ValidateUnlockRow(row, now)
		var re *RowError
		if tc.field == "" && err != nil || tc.field != "" && (!errors.As(err, &re) || re.Field != tc.field) {
			t.Errorf("%s: got %v, want field %q", tc.name, err, tc.field)
		}
	}
}
