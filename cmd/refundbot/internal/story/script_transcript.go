package story

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// maxShownChars cuts long provider texts in transcripts.
const maxShownChars = 80

// cmdTranscript is `transcript [NAME...]`: once the bot is quiet, print
// what each provider (all, or those named) saw on Telegram, then what the
// cases channel showed and what agents were told. Messages are shown as
// they appeared, in order: "bot ✎" is a message the bot edited in place,
// shown again as it read after the edit; "bot ✗" a message it deleted.
// Compare it with a golden file: `cmp stdout asha.txt`.
func cmdTranscript(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if neg {
		ts.Fatalf("transcript cannot be negated")
	}
	s.settle(ts, 0)
	names := args
	if len(names) == 0 {
		names = s.order
	}
	var b strings.Builder
	for _, n := range names {
		p := s.person(ts, n)
		fmt.Fprintf(&b, "== %s on Telegram\n", p.name)
		for _, h := range p.history {
			b.WriteString(h)
		}
	}
	b.WriteString("== Slack #cases\n")
	b.WriteString(s.renderChannel())
	for _, a := range world.FakeAgents() {
		for _, e := range s.w.Slack.Ephemerals(a.ID) {
			fmt.Fprintf(&b, "== only %s sees\n", a.Name)
			b.WriteString(indentWith("  ", strings.TrimSpace(e.Text+"\n"+blocksText(e.Blocks))))
		}
	}
	out := b.String()
	_, _ = io.WriteString(ts.Stdout(), out)
	if s.echo != nil {
		_, _ = io.WriteString(s.echo, out)
	}
}

// renderLine renders a message p sent: "asha: ...".
func (s *story) renderLine(p *person, m tgfake.Message) string {
	var text string
	switch m.Kind {
	case "text":
		text = m.Plain
		if n := utf8.RuneCountInString(text); n > maxShownChars {
			text = fmt.Sprintf("%s… (%d characters)", string([]rune(text)[:maxShownChars/2]), n)
		}
	case "contact":
		text = "[contact " + m.Plain + "]"
	case "document":
		text = "[document " + m.Plain + "]"
	default:
		text = "[" + m.Kind + "]"
	}
	return fmt.Sprintf("%s: %s\n", p.name, text)
}

// renderTelegram renders a bot message: its text, its buttons as
// [label] rows, a reply keyboard as {label}.
func renderTelegram(m tgfake.Message) string {
	var b strings.Builder
	b.WriteString(m.Plain + "\n")
	for _, row := range m.InlineKeyboard {
		var labels []string
		for _, btn := range row {
			labels = append(labels, "["+btn.Text+"]")
		}
		b.WriteString(strings.Join(labels, " ") + "\n")
	}
	for _, row := range m.ReplyKeyboard {
		var labels []string
		for _, btn := range row {
			labels = append(labels, "{"+btn.Text+"}")
		}
		b.WriteString(strings.Join(labels, " ") + "\n")
	}
	return b.String()
}

// renderChannel renders the cases channel in posting order; replies in a
// card's thread are marked with the case.
func (s *story) renderChannel() string {
	var b strings.Builder
	cases := map[string]string{} // card ts → case ID
	for _, m := range s.w.Slack.Messages(world.FakeChannel) {
		text := strings.TrimSpace(blocksText(m.Blocks))
		if text == "" {
			text = m.Text
		}
		for _, f := range m.Files {
			text += fmt.Sprintf("\n[file %s]", f.Name)
		}
		if m.ThreadTS == "" {
			cases[m.TS] = cardCase(m.Blocks)
			b.WriteString(indentWith("card: ", text))
			continue
		}
		b.WriteString(indentWith(fmt.Sprintf("  ↳ %s: ", cases[m.ThreadTS]), strings.TrimSpace(text)))
	}
	return b.String()
}

// indentWith prefixes the first line of s with head and the others with
// as many spaces.
func indentWith(head, s string) string {
	pad := strings.Repeat(" ", utf8.RuneCountInString(head))
	var b strings.Builder
	for i, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if i == 0 {
			b.WriteString(strings.TrimRight(head+line, " ") + "\n")
		} else {
			b.WriteString(strings.TrimRight(pad+line, " ") + "\n")
		}
	}
	return b.String()
}
