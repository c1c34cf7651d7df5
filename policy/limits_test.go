package policy

import (
	"strings"
	"testing"
)

// longValue is a realistic value of a parameter at its longest: mixed
// scripts and a few characters that escaping expands.
func longValue(name string) string { return longValueIn("", name) }

func longValueIn(key Key, name string) string {
	n := ParamMaxCharsIn(key, name)
	unit := "Client did not pick up & said “call later” <busy>; फ़ोन बंद था। "
	switch name {
	case "case":
		unit = "RF-"
	case "lead":
		unit = "LD-2026-AB_"
	case "coins", "balance", "total", "threshold", "count", "have", "need":
		unit = "9"
	case "date", "time", "since":
		unit = "30 Sep 2026, 23:59 IST"
	case "email":
		unit = "refunds.support.team@rockerstop.example."
	}
	var b strings.Builder
	for b.Len() < 4*n {
		b.WriteString(unit)
	}
	return Truncate(b.String(), n)
}

var escapeHTML = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace

// longBlock renders line keys until the block parameter's budget is full,
// as a transport would (raw values escaped, lines joined by "\n").
func longBlock(t *testing.T, name string) string {
	t.Helper()
	line := map[string]Key{
		"answers_lines": KeySummaryAnswerLine, "leads_lines": KeySummaryLeadLine,
		"findings_lines": KeyCardFindingLine, "failures_lines": KeyThreadDeliveryFailed,
		"note_block": KeyOutcomeNote, "history_lines": KeyCardAppealHistoryLine,
	}[name]
	if line == "" {
		t.Fatalf("no line key for block parameter %q", name)
	}
	one := Msg(line)
	one.Args = Args{}
	for _, p := range Params(line) {
		one.Args[p] = longValueIn(line, p)
	}
	rendered := one.Render(LangHindi, escapeHTML)
	if name == "note_block" {
		return rendered
	}
	var lines []string
	for total := 0; total+len([]rune(rendered))+1 <= ParamMaxChars(name); total += len([]rune(rendered)) + 1 {
		lines = append(lines, rendered)
	}
	if len(lines) == 0 {
		t.Fatalf("%s: one line (%d chars) exceeds the block budget %d", name, len([]rune(rendered)), ParamMaxChars(name))
	}
	return strings.Join(lines, "\n")
}

func TestEveryTextFitsItsSurface(t *testing.T) {
	for _, s := range sentences {
		m := Message{Key: s.Key, Args: Args{}}
		for _, p := range s.Params {
			if IsBlockParam(p) {
				m.Args[p] = longBlock(t, p)
			} else {
				m.Args[p] = longValueIn(s.Key, p)
			}
		}
		langs := []Lang{LangEnglish}
		if s.Audience == Provider {
			langs = append(langs, LangHindi)
		}
		for _, lang := range langs {
			got := m.Render(lang, escapeHTML)
			fit := got
			if s.Cut {
				// The transport cuts it to the limit: the text around the
				// values must fit on its own.
				empty := Args{}
				for _, p := range s.Params {
					empty[p] = ""
				}
				fit = Text(lang, s.Key, empty)
			}
			if n := s.Surface.LengthOn(fit); n > s.Surface.Limit() {
				t.Errorf("%s %q: %d characters, limit %d", lang, s.Key, n, s.Surface.Limit())
			}
			if strings.ContainsAny(strings.ReplaceAll(got, "<@", ""), "{}") {
				t.Errorf("%s %q: a placeholder was left: %q", lang, s.Key, Truncate(got, 200))
			}
		}
	}
}

// The block budgets hold what the policy allows: every lead of the
// largest case, every answer of the longest reason.
func TestBlockBudgetsHoldTheLargestCase(t *testing.T) {
	lead := Msg(KeySummaryLeadLine, "lead", longValue("lead"), "coins", longValue("coins")).Render(LangHindi, escapeHTML)
	if n := MaxLeadsLimit * (len([]rune(lead)) + 1); n > ParamMaxChars("leads_lines") {
		t.Errorf("%d lead lines need %d characters, budget %d", MaxLeadsLimit, n, ParamMaxChars("leads_lines"))
	}
	most := 0
	for _, r := range Reasons() {
		most = max(most, len(r.Questions))
	}
	answer := Msg(KeySummaryAnswerLine, "question", longValueIn(KeySummaryAnswerLine, "question"), "answer", longValue("answer")).Render(LangHindi, escapeHTML)
	if n := most * (len([]rune(answer)) + 1); n > ParamMaxChars("answers_lines") {
		t.Errorf("%d answer lines need %d characters, budget %d", most, n, ParamMaxChars("answers_lines"))
	}
}
