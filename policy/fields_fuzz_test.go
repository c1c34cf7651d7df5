package policy

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseLeadIDs: whatever a provider types, every ID the parser
// returns follows the shared grammar (so storage and the import accept
// it), is upper-case and appears once; every refused token is a piece of
// the message as sent.
func FuzzParseLeadIDs(f *testing.F) {
	for _, s := range []string{"L-1", " ld-1, LD-2;#ld-3\nLD-1  lead?! ", "L.8/9", strings.Repeat("L", 33),
		"#", ",,;;", "लीड-1", "L-\xff", "a_b-c D\tE\rF", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ids, bad := ParseLeadIDs(text)
		seen := map[string]bool{}
		for _, id := range ids {
			if err := CheckID("lead_id", id); err != nil {
				t.Errorf("parsed %q, which CheckID refuses: %v", id, err)
			}
			if id != strings.ToUpper(id) {
				t.Errorf("parsed %q is not upper-case", id)
			}
			if seen[id] {
				t.Errorf("parsed %q twice", id)
			}
			seen[id] = true
		}
		for _, b := range bad {
			if b == "" || !strings.Contains(text, b) {
				t.Errorf("bad token %q is not a piece of the message", b)
			}
		}
	})
}

// FuzzFieldRules: a value the rules accept is valid UTF-8 without control
// characters and within its length; every message is valid UTF-8 and
// short, whatever the value (it never echoes a huge value back).
func FuzzFieldRules(f *testing.F) {
	for _, s := range []string{"", "P-1", "Asha Plumbing", "Jos\xe9", "A\x1bB", "नमस्ते", strings.Repeat("n", 201), "P.8/9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []struct {
			field string
			max   int
			err   *BadField
		}{
			{"provider_id", MaxIDLen, CheckID("provider_id", s)},
			{"name", MaxNameLen, CheckName("name", s)},
			{"category", MaxCategoryLen, CheckCategory("category", s)},
		} {
			if c.err != nil {
				if !utf8.ValidString(c.err.Msg) || c.err.Field != c.field || len(c.err.Msg) > 200+MaxIDLen*4 {
					t.Errorf("%s: message %q", c.field, c.err.Msg)
				}
				continue
			}
			if !utf8.ValidString(s) || utf8.RuneCountInString(s) > c.max || slices.ContainsFunc([]rune(s), isControl) {
				t.Errorf("%s: accepted %q", c.field, s)
			}
		}
		if CheckID("id", s) == nil != ValidID(s) {
			t.Errorf("CheckID and ValidID disagree on %q", s)
		}
	})
}

func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }
