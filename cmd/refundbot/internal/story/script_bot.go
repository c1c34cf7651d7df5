package story

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
)

// matcher is a story's expected text: a part of the text, or with -re a
// regular expression.
type matcher struct {
	text string
	re   *regexp.Regexp
}

// matcherOf parses [-re] TEXT.
func matcherOf(ts *testscript.TestScript, args []string, usage string) matcher {
	switch {
	case len(args) == 1:
		return matcher{text: args[0]}
	case len(args) == 2 && args[0] == "-re":
		re, err := regexp.Compile(args[1])
		if err != nil {
			ts.Fatalf("bad regular expression %q: %v", args[1], err)
		}
		return matcher{text: args[1], re: re}
	}
	ts.Fatalf("usage: %s", usage)
	return matcher{}
}

func (m matcher) match(s string) bool {
	if m.re != nil {
		return m.re.MatchString(s)
	}
	return strings.Contains(s, m.text)
}

func (m matcher) String() string {
	if m.re != nil {
		return "/" + m.text + "/"
	}
	return fmt.Sprintf("%q", m.text)
}

// cmdBot is `bot tells NAME [-re] TEXT` (the bot said it since NAME's last
// action, in a new or edited message or in the short notice a tapped
// button shows; it waits for it) and `bot offers
// NAME LABEL` (the last keyboard shows a button with that text). Negated,
// `! bot tells` checks, once the bot is quiet, that it did not say it.
func cmdBot(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if len(args) < 3 || (args[0] != "tells" && args[0] != "offers") {
		ts.Fatalf("usage: bot tells NAME [-re] TEXT | bot offers NAME LABEL")
	}
	p := s.person(ts, args[1])
	m := matcherOf(ts, args[2:], "bot "+args[0]+" NAME [-re] TEXT")
	if args[0] == "offers" {
		s.settle(ts, p.tgID)
		var msg tgfake.Message
		for _, bm := range s.w.TG.BotMessages(p.tgID) {
			if !bm.Deleted && len(bm.InlineKeyboard) > 0 {
				msg = bm
			}
		}
		_, err := pickButton(msg, m.text)
		if (err == nil) == neg {
			ts.Fatalf("the bot's last buttons for %s: %s; want %sa button %s", p.name, buttonList(flatten(msg)), map[bool]string{true: "no "}[neg], m)
		}
		return
	}
	said := func() bool {
		for _, bm := range s.fresh(p) {
			if m.match(bm.Plain) {
				return true
			}
		}
		for _, t := range s.toasts(p) {
			if m.match(t) {
				return true
			}
		}
		return false
	}
	if neg {
		s.settle(ts, p.tgID)
		if said() {
			ts.Fatalf("the bot told %s %s, and should not have:\n%s", p.name, m, s.freshText(p))
		}
		return
	}
	s.waitFor(ts, fmt.Sprintf("the bot to tell %s %s", p.name, m), said, func() string {
		return fmt.Sprintf("since %s's last action the bot said:\n%s", p.name, s.freshText(p))
	})
}

func flatten(m tgfake.Message) []tgfake.Button {
	var bs []tgfake.Button
	for _, row := range m.InlineKeyboard {
		bs = append(bs, row...)
	}
	return bs
}

// fresh returns the bot's messages to p that are new or edited since p's
// last action.
func (s *story) fresh(p *person) []tgfake.Message {
	var out []tgfake.Message
	for _, m := range s.w.TG.BotMessages(p.tgID) {
		if edits, ok := p.seen[m.ID]; !ok || edits != m.Edits {
			out = append(out, m)
		}
	}
	return out
}

// toasts returns the notices shown for button taps since p's last action.
// Stories act one at a time, so they are p's.
func (s *story) toasts(p *person) []string {
	var out []string
	all := s.w.TG.CallbackAnswers()
	for _, a := range all[min(p.answers, len(all)):] {
		if a.Text != "" {
			out = append(out, a.Text)
		}
	}
	return out
}

func (s *story) freshText(p *person) string {
	ms, toasts := s.fresh(p), s.toasts(p)
	if len(ms) == 0 && len(toasts) == 0 {
		return "  (nothing)\n" + "  before that:\n" + s.lastText(p)
	}
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(indent(renderTelegram(m)))
	}
	for _, t := range toasts {
		b.WriteString(indent("(notice) " + t))
	}
	return b.String()
}

// lastText renders the bot's last message to p.
func (s *story) lastText(p *person) string {
	m, ok := s.w.TG.LastMessage(p.tgID)
	if !ok {
		return "  (the bot has said nothing to " + p.name + ")\n"
	}
	return indent(renderTelegram(m))
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("  " + line + "\n")
	}
	return b.String()
}

// cmdTelegram is `telegram throttles N`: the next N sends and N edits of
// the fake Telegram answer 429 with retry_after 1; and `telegram effort`
// (see story.effort).
func cmdTelegram(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if !neg && len(args) > 0 && args[0] == "effort" {
		s.effort(ts, args[1:])
		return
	}
	if neg || len(args) != 2 || args[0] != "throttles" {
		ts.Fatalf("usage: telegram throttles N | telegram effort NAME ...")
	}
	var n int
	if _, err := fmt.Sscan(args[1], &n); err != nil || n <= 0 {
		ts.Fatalf("telegram throttles wants a count, got %q", args[1])
	}
	s.w.TG.Fail429("sendMessage", n, 1)
	s.w.TG.Fail429("editMessageText", n, 1)
}
