package story

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/conversations"
)

// TestMissingEvidence: the story check behind `thread CASE has all
// evidence` names every item the card counts that the thread lacks.
func TestMissingEvidence(t *testing.T) {
	hash := func(b string) string { s := sha256.Sum256([]byte(b)); return hex.EncodeToString(s[:]) }
	c := conversations.Case{ID: "RF-1", Evidence: []conversations.Evidence{
		{Kind: conversations.EvidencePhoto, SHA256: hash("png"), FileName: "a.png"},
		{Kind: conversations.EvidenceText, Text: "took <120> coins"},
		{Kind: conversations.EvidencePhoto, SHA256: hash("png"), FileName: "again.png"},
	}}
	full := []slackfake.Message{{Text: "*Note 1:*\ntook &lt;120&gt; coins",
		Files: []slackfake.File{{Content: []byte("png")}, {Content: []byte("png")}}}}
	if m := missingEvidence(c, full); len(m) != 0 {
		t.Errorf("complete thread: missing %v", m)
	}
	for name, thread := range map[string][]slackfake.Message{
		"no note":        {{Text: "header", Files: full[0].Files}},
		"unescaped note": {{Text: "took <120> coins", Files: full[0].Files}},
		"one file short": {{Text: full[0].Text, Files: full[0].Files[:1]}},
		"other bytes":    {{Text: full[0].Text, Files: []slackfake.File{{Content: []byte("png")}, {Content: []byte("jpg")}}}},
	} {
		if m := missingEvidence(c, thread); len(m) != 1 {
			t.Errorf("%s: missing %v, want one item", name, m)
		} else if !strings.HasPrefix(m[0], "item ") {
			t.Errorf("%s: %q", name, m[0])
		}
	}
}
