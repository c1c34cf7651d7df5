package main

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
	f.Add(providersCSV)
	f.Add(unlocksCSV)
	f.Add("provider_id,name,phone\nP-1,\"Ramesh\nKumar\",+91 98100 12345\n")
	f.Add("provider_id,name,phone\nP-1,\"Ramesh,+91 98100 12345\nP-2,A,+91 98200 23456\n")
	f.Add("provider_id,name,phone\nP-\xe9,Jos\xe9,+91 98100 12345\n")
	f.Add("\ufeffprovider_id,lead_id,coins,unlocked_at,category\nP-1,L.8/9,10,2026-01-10T10:00:00Z,\x00\n")
	f.Add("provider_id,name,phone\nP-1,Ram\"esh,1\n")
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	phone := func(raw string) (string, error) { return phoneNormalizer("IN")(raw) }
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
				if b.line < 2 || b.line > lines {
					t.Errorf("bad row on line %d of a %d-line file: %s", b.line, lines, b.msg)
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

// FuzzConfig loads any bytes as the config file. Whatever they are: no
// panic, and every problem names a key and a line inside the file.
func FuzzConfig(f *testing.F) {
	f.Add("timezone: Asia/Kolkata\nhttp: {listen: \"127.0.0.1:8080\"}\n")
	f.Add("slack:\n  approvers: [U0123456789]\n  agents: [U0987654321, U0987654321]\n")
	f.Add("http: {listen: \"8080\", metrics_listen: x}\n---\nslack: {channel: C1}\n")
	f.Add("---\n---\n")
	f.Add("policy:\n  non_responsive: {min_attempts: -1}\n  evidence: {max_text_chars: 1e9}\n")
	f.Add("a: &a [*a]\n")
	f.Add("timezone: [1, 2\n")
	f.Add("slack:\n  aprovers: []\nslack: {}\n")
	f.Fuzz(func(t *testing.T, data string) {
		lines := yamlLines(data)
		cfg, src, probs := parseConfig("config.yaml", []byte(data))
		probs = append(probs, validate(cfg, src)...)
		for _, p := range probs {
			if p.Key == "" || p.Message == "" {
				t.Errorf("problem without a key or message: %+v", p)
			}
			if p.Line < 0 || p.Line > lines {
				t.Errorf("problem on line %d of a %d-line file: %s", p.Line, lines, p)
			}
		}
	})
}

// yamlLines counts the lines of data as YAML's scanner does: CR LF, a
// lone CR, LF, NEL, LS and PS each end a line.
func yamlLines(data string) int {
	n := 1
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
			i++
			n++
		case data[i] == '\r' || data[i] == '\n':
			n++
		case strings.HasPrefix(data[i:], "\u0085") || strings.HasPrefix(data[i:], "\u2028") || strings.HasPrefix(data[i:], "\u2029"):
			n++
		}
	}
	return n
}
