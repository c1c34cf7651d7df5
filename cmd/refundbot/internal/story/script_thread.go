package story

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/conversations"
)

// cmdThread is what an agent reads in a card's thread in the fake Slack:
//
//	thread CASE_ID has TEXT       some message of the thread contains TEXT,
//	                              as the agent reads it (escapes undone)
//	thread CASE_ID has all evidence
//	                              every evidence item the card counts (each
//	                              file, by its bytes, and each note, escaped
//	                              as posted) is in the thread
//
// Both wait for the bot to finish its work first.
func cmdThread(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if len(args) < 3 || args[1] != "has" {
		ts.Fatalf("usage: thread CASE_ID has TEXT | thread CASE_ID has all evidence")
	}
	s.settle(ts, 0)
	caseID := args[0]
	card := s.card(ts, caseID)
	thread := s.w.Slack.Thread(world.FakeChannel, card.TS)
	if len(args) == 4 && args[2] == "all" && args[3] == "evidence" && !neg {
		c, err := s.w.App.Store.Case(s.ctx, caseID)
		if err != nil {
			ts.Fatalf("thread %s: %v", caseID, err)
		}
		if missing := missingEvidence(c, thread); len(missing) > 0 {
			ts.Fatalf("the thread of %s lacks %d of the case's %d evidence items:\n%s\nthe thread holds:\n%s",
				caseID, len(missing), len(c.Evidence), indent(strings.Join(missing, "\n")), indent(renderThread(thread)))
		}
		return
	}
	if len(args) != 3 {
		ts.Fatalf("usage: thread CASE_ID has TEXT | thread CASE_ID has all evidence")
	}
	found := false
	for _, m := range thread {
		if strings.Contains(unescapeMrkdwn(m.Text), args[2]) {
			found = true
		}
	}
	if found == neg {
		ts.Fatalf("the thread of %s has %q: %v, want %v; it holds:\n%s", caseID, args[2], found, !neg, indent(renderThread(thread)))
	}
}

// missingEvidence lists each evidence item of c that no message of the
// thread carries: a file whose bytes are in none of its files, a note
// whose escaped text is in none of its texts. Files are also counted, so
// the same screenshot sent twice must be in the thread twice.
func missingEvidence(c conversations.Case, thread []slackfake.Message) []string {
	shared := map[string]int{}
	var texts strings.Builder
	for _, m := range thread {
		texts.WriteString(m.Text + "\n")
		for _, f := range m.Files {
			sum := sha256.Sum256(f.Content)
			shared[hex.EncodeToString(sum[:])]++
		}
	}
	var out []string
	for i, e := range c.Evidence {
		switch {
		case e.Kind == conversations.EvidenceText:
			if !strings.Contains(texts.String(), conversations.EscapeMrkdwn(e.Text)) {
				out = append(out, fmt.Sprintf("item %d: note %q", i+1, e.Text))
			}
		case shared[e.SHA256] > 0:
			shared[e.SHA256]--
		default:
			out = append(out, fmt.Sprintf("item %d: %s %s (%s)", i+1, e.Kind, e.FileName, e.SHA256))
		}
	}
	return out
}

func renderThread(thread []slackfake.Message) string {
	var b strings.Builder
	for _, m := range thread {
		fmt.Fprintf(&b, "%s", m.Text)
		for _, f := range m.Files {
			fmt.Fprintf(&b, " [file %s, %d bytes]", f.Name, f.Size)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// unescapeMrkdwn undoes Slack's three escapes, as a reader sees the text.
func unescapeMrkdwn(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}
