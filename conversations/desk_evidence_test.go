package conversations

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rockerstop/refundbot/policy"
)

// TestEvidenceMessagesCarryEverything: files and notes go out in one
// thread message; notes too long for one message continue in further ones,
// each within Slack's advised text size, and every note comes back whole,
// escaped, in order (never cut).
func TestEvidenceMessagesCarryEverything(t *testing.T) {
	note := func(n int, s string) string { return strings.Repeat(s, n) }
	cases := []struct {
		name      string
		pieces    []Evidence
		wantMsgs  int
		wantFirst OutboxKind
	}{
		{"nothing", nil, 0, ""},
		{"one note", []Evidence{{Kind: EvidenceText, Text: "Charged <twice> & more"}}, 1, OutSlackThread},
		{"files and notes", []Evidence{{Kind: EvidencePhoto, SHA256: "aa"}, {Kind: EvidenceText, Text: "a"},
			{Kind: EvidenceDocument, SHA256: "bb", FileName: "x.pdf"}, {Kind: EvidenceText, Text: "b"}}, 1, OutSlackUpload},
		{"long notes overflow", []Evidence{{Kind: EvidencePhoto, SHA256: "aa"},
			{Kind: EvidenceText, Text: note(2000, "<")}, {Kind: EvidenceText, Text: note(2000, "é")},
			{Kind: EvidenceText, Text: note(400, "a&b ")}, {Kind: EvidenceText, Text: "short"}}, 4, OutSlackUpload},
		{"twelve files", func() []Evidence {
			var ev []Evidence
			for i := range 12 {
				ev = append(ev, Evidence{Kind: EvidencePhoto, SHA256: strings.Repeat(string(rune('a'+i)), 64)})
			}
			return ev
		}(), 2, OutSlackUpload},
	}
	label := regexp.MustCompile(`\*Note (\d+):\*( …)?\n`)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msgs := evidenceMessages("RF-7", "C1", policy.KeyThreadSubmitEvidence, tc.pieces)
			if len(msgs) != tc.wantMsgs {
				t.Fatalf("got %d messages, want %d", len(msgs), tc.wantMsgs)
			}
			if len(msgs) == 0 {
				return
			}
			if msgs[0].Kind != tc.wantFirst {
				t.Errorf("first kind %s, want %s", msgs[0].Kind, tc.wantFirst)
			}
			got := map[string]string{}
			files := 0
			for _, m := range msgs {
				if n := utf8.RuneCountInString(m.Text); n > MaxEvidenceText {
					t.Errorf("message of %d characters, limit %d", n, MaxEvidenceText)
				}
				if m.CaseID != "RF-7" || m.Recipient != "C1" || !strings.Contains(m.Text, "RF-7") {
					t.Errorf("message not addressed to the case: %+v", m)
				}
				if len(m.Files) > MaxEvidenceFiles {
					t.Errorf("%d files in one message", len(m.Files))
				}
				files += len(m.Files)
				locs := label.FindAllStringSubmatchIndex(m.Text, -1)
				for i, l := range locs {
					end := len(m.Text)
					if i+1 < len(locs) {
						end = locs[i+1][0] - 2 // the "\n\n" before the next label
					}
					got[m.Text[l[2]:l[3]]] += m.Text[l[1]:end]
				}
			}
			want := 0
			n := 0
			for _, p := range tc.pieces {
				if p.Kind != EvidenceText {
					want++
					continue
				}
				n++
				if g := got[strconv.Itoa(n)]; g != EscapeMrkdwn(p.Text) {
					t.Errorf("note %d came back as %d characters %q…, want %d", n, len(g), head(g), len(EscapeMrkdwn(p.Text)))
				}
			}
			if files != want {
				t.Errorf("%d files sent, want %d", files, want)
			}
		})
	}
}

func head(s string) string { return policy.Truncate(s, 40) }

func TestAccountQuote(t *testing.T) {
	ev := []Evidence{{Kind: EvidencePhoto, SHA256: "aa"}, {Kind: EvidenceText, Text: "line <1>\nline 2\nline 3\nline 4"}}
	if got, want := AccountQuote(ev, 3, 300), "> line &lt;1&gt;\n> line 2\n> line 3 …"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := AccountQuote(ev[:1], 3, 300); got != "" {
		t.Errorf("no note: got %q", got)
	}
	if got := AccountQuote([]Evidence{{Kind: EvidenceText, Text: strings.Repeat("x", 500)}}, 3, 10); got != "> xxxxxxxxxx …" {
		t.Errorf("long: got %q", got)
	}
}

// TestNotesCapped: the note past policy.evidence.max_notes_per_case is
// refused with a message and not stored; files still go in.
func TestNotesCapped(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonTechnicalIssue))
	c.press(actOption, "other")
	c.text("L-1")
	c.press(actLeadDone, "")
	limit := policy.Default().Evidence.MaxNotesPerCase
	for i := range limit {
		wantIn(t, c.text("note "+strconv.Itoa(i+1)), "Got it")
	}
	before := c.session()
	wantIn(t, c.text("one note too many"), "already sent 10 notes")
	after := c.session()
	if len(after.Draft.Evidence) != limit || after.Step != before.Step {
		t.Fatalf("after the refused note: %d pieces, step %s", len(after.Draft.Evidence), after.Step)
	}
	c.do(photo("ee55"))
	if n := len(c.session().Draft.Evidence); n != limit+1 {
		t.Errorf("a file after the cap: %d pieces, want %d", n, limit+1)
	}
}
