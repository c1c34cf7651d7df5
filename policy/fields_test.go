package policy

import (
	"strings"
	"testing"
)

func TestFieldRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		check func() *BadField
		want  string // "" when valid; else a part of the message
	}{
		{"id of 32", func() *BadField { return CheckID("lead_id", strings.Repeat("a", 32)) }, ""},
		{"id of 33", func() *BadField { return CheckID("lead_id", strings.Repeat("a", 33)) }, "longer than 32"},
		{"id mixed", func() *BadField { return CheckID("lead_id", "Ld-9_x") }, ""},
		{"id with a dot", func() *BadField { return CheckID("lead_id", "L.8/9") }, "only letters, digits"},
		{"id Devanagari", func() *BadField { return CheckID("lead_id", "अ") }, "only letters, digits"},
		{"id not UTF-8", func() *BadField { return CheckID("provider_id", "P\xe9") }, "not valid UTF-8"},
		{"id empty", func() *BadField { return CheckID("provider_id", "") }, "empty"},
		{"name of 200 runes", func() *BadField { return CheckName("name", strings.Repeat("न", 200)) }, ""},
		{"name of 201 runes", func() *BadField { return CheckName("name", strings.Repeat("न", 201)) }, "longer than 200"},
		{"name empty", func() *BadField { return CheckName("name", "") }, "empty"},
		{"name Latin-1", func() *BadField { return CheckName("name", "Jos\xe9") }, "not valid UTF-8"},
		{"name with DEL", func() *BadField { return CheckName("name", "A\x7f") }, "control character"},
		{"name with a new line", func() *BadField { return CheckName("name", "A\nB") }, "control character"},
		{"category empty", func() *BadField { return CheckCategory("category", "") }, ""},
		{"category of 64", func() *BadField { return CheckCategory("category", strings.Repeat("c", 64)) }, ""},
		{"category of 65", func() *BadField { return CheckCategory("category", strings.Repeat("c", 65)) }, "longer than 64"},
	} {
		got := tc.check()
		switch {
		case tc.want == "" && got != nil:
			t.Errorf("%s: refused: %v", tc.name, got)
		case tc.want != "" && (got == nil || !strings.Contains(got.Msg, tc.want)):
			t.Errorf("%s: got %v, want a message with %q", tc.name, got, tc.want)
		}
	}
}

// The Telegram lead-ID parser and the import share one grammar: every ID
// ParseLeadIDs returns passes CheckID, and an ID the import refuses for
// its grammar is never parsed.
func TestParseLeadIDsSharesGrammar(t *testing.T) {
	ids, bad := ParseLeadIDs("L-1 L.8/9 " + strings.Repeat("L", 33) + " " + strings.Repeat("L", 32))
	if len(ids) != 2 || len(bad) != 2 {
		t.Fatalf("ids %v bad %v", ids, bad)
	}
	for _, id := range ids {
		if err := CheckID("lead_id", id); err != nil {
			t.Errorf("parsed %q but CheckID refuses it: %v", id, err)
		}
	}
}
