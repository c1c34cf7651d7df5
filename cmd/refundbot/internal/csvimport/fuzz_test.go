package csvimport

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// FuzzCSVRows reads any bytes as a providers file and as an unlocks file
// and checks every row with the rules the import uses. Whatever the
// bytes: no panic; every reported line is a line of the file (the header
// is line 1, so rows start at 2); every message is valid UTF-8; and every
// row accepted follows the field rules of policy.
func FuzzCSVRows(f *testing.F) {
	f.Add("provider_id,name,phone,language,opening_balance\nP-1,Ramesh Kumar,+91 98100 12345,en,1000\nP-2,Sunita Sharma,98200 23456,hi,300\n")
	f.Add("provider_id,lead_id,coins,unlocked_at,category\nP-1,L-2001,120,2026-01-10T10:00:00+05:30,Plumbing\nP-1,l-2002,80,2026-01-11T09:30:00Z,Plumbing\n")
	f.Add("provider_id,name,phone\nP-1,\"Ramesh\nKumar\",+91 98100 12345\n")
	f.Add("provider_id,name,phone\nP-1,\"Ramesh,+91 98100 12345\nP-2,A,+91 98200 23456\n")
	f.Add("provider_id,name,phone\nP-\xe9,Jos\xe9,+91 98100 12345\n")
	f.Add("\ufeffprovider_id,lead_id,coins,unlocked_at,category\nP-1,L.8/9,10,2026-01-10T10:00:00Z,\x00\n")
	f.Add("provider_id,name,phone\nP-1,Ram\"esh,1\n")
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	phone := func(raw string) (string, error) { return PhoneNormalizer("IN")(raw) }
	f.Fuzz(func(t *testing.T, file string) {
		lines := strings.Count(file, "\n") + 1
		pReq, pOpt := conversations.ProviderColumns()
		uReq, uOpt := conversations.UnlockColumns()
		for _, cols := range [][2][]string{{pReq, pOpt}, {uReq, uOpt}} {
			rows, bad, err := readCSV(strings.NewReader(file), cols[0], cols[1])
			if err != nil {
				if !utf8.ValidString(err.Error()) && utf8.ValidString(file) {
					t.Errorf("file error not UTF-8: %q", err)
				}
				continue
			}
			for _, b := range bad {
				if b.Line < 2 || b.Line > lines {
					t.Errorf("bad row on line %d of a %d-line file: %s", b.Line, lines, b.Msg)
				}
			}
			for _, row := range rows {
				if row.line < 2 || row.line > lines {
					t.Errorf("row on line %d of a %d-line file", row.line, lines)
				}
				if cols[0][1] == conversations.FieldName {
					p, err := conversations.ValidateProviderRow(conversations.ProviderRowOf(row.get), phone)
					checkRow(t, err, func() {
						if !policy.ValidID(p.ID) || policy.CheckName("name", p.Name) != nil {
							t.Errorf("accepted provider %+v", p)
						}
					})
					continue
				}
				u, err := conversations.ValidateUnlockRow(conversations.UnlockRowOf(row.get), now)
				checkRow(t, err, func() {
					if !policy.ValidID(u.ProviderID) || !policy.ValidID(u.LeadID) || u.Coins <= 0 ||
						policy.CheckCategory("category", u.Category) != nil {
						t.Errorf("accepted unlock %+v", u)
					}
				})
			}
		}
	})
}

func checkRow(t *testing.T, err error, accepted func()) {
	t.Helper()
	if err == nil {
		accepted()
		return
	}
	if !utf8.ValidString(err.Error()) || len(err.Error()) > 500 {
		t.Errorf("row message %q", err)
	}
}
