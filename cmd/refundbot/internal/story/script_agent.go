package story

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// cmdAgent is `agent NAME ...`: a support agent acts in Slack.
//
//	agent meera taps 'Approve all' on RF-1     a button of the case's card
//	agent meera double-taps 'Approve all' on RF-1   two clicks at once
//	agent meera submits 'Reject' on RF-1 reason=insufficient_evidence note='...'
//	agent meera submits 'Approve some' on RF-1 leads=L-2001,L-2002 note='...'
//	agent meera submits 'Ask provider' on RF-1 question='...'
//	agent kiran is told 'not an approver'     shown only to them; waits
//
// submits opens the modal with the card's button unless one is open, fills
// its inputs (block names; lists separated by commas) and submits it; a
// modal that answers with errors fails the story, unless negated (then it
// must answer with errors, which the agent "is told").
func cmdAgent(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if len(args) < 3 {
		ts.Fatalf("usage: agent NAME taps|submits LABEL on CASE ... | agent NAME runs '/refund ARGS' | agent NAME is told [-re] TEXT")
	}
	a := s.agent(ts, args[0])
	if args[1] == "is" && args[2] == "told" {
		s.told(ts, neg, a, matcherOf(ts, args[3:], "agent NAME is told [-re] TEXT"))
		return
	}
	if args[1] == "runs" && len(args) == 3 && !neg {
		s.slash(ts, a, args[2])
		return
	}
	if len(args) < 5 || args[3] != "on" {
		ts.Fatalf("usage: agent NAME %s LABEL on CASE_ID ...", args[1])
	}
	verb, label, caseID, fields := args[1], args[2], args[4], args[5:]
	a.seenEphemerals, a.errors = len(s.w.Slack.Ephemerals(a.id)), nil
	switch verb {
	case "taps", "double-taps":
		if neg || len(fields) > 0 {
			ts.Fatalf("usage: agent NAME %s LABEL on CASE_ID (a refused click is checked with: agent NAME is told ...)", verb)
		}
		s.click(ts, a, label, caseID, map[bool]int{true: 2, false: 1}[verb == "double-taps"])
	case "submits":
		s.submit(ts, neg, a, label, caseID, fields)
	default:
		ts.Fatalf("unknown agent action %q (taps, submits, is told)", verb)
	}
	s.settle(ts, 0)
}

// card waits for the card of caseID in the cases channel.
func (s *story) card(ts *testscript.TestScript, caseID string) slackfake.Message {
	var card slackfake.Message
	s.waitFor(ts, "the card of "+caseID+" in Slack", func() bool {
		for _, m := range s.w.Slack.Messages(world.FakeChannel) {
			if m.ThreadTS == "" && cardCase(m.Blocks) == caseID {
				card = m
				return true
			}
		}
		return false
	}, func() string { return "the channel shows:\n" + indent(s.renderChannel()) })
	return card
}

// click clicks the card button whose label matches, n times at once.
func (s *story) click(ts *testscript.TestScript, a *agent, label, caseID string, n int) {
	s.settle(ts, 0)
	card := s.card(ts, caseID)
	buttons := cardButtons(card.Blocks)
	action, err := pickCardButton(buttons, label)
	if err != nil {
		ts.Fatalf("%s cannot tap %q on %s: %v", a.name, label, caseID, err)
	}
	via := s.via(ts)
	errs := make(chan error, n)
	for range n {
		go func() {
			rep, err := s.w.Slack.ClickButton(s.ctx, s.w.URL, a.id, world.FakeChannel, card.TS, action, via...)
			if err == nil && rep.StatusCode != http.StatusOK {
				err = fmt.Errorf("the app answered %d %s", rep.StatusCode, rep.Body)
			}
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			ts.Fatalf("%s taps %q on %s: %v", a.name, label, caseID, err)
		}
	}
}

// pickCardButton finds a button by its exact label (ignoring a trailing
// ellipsis) or by a unique part of it, and returns its action ID.
func pickCardButton(buttons []cardButton, label string) (string, error) {
	clean := func(s string) string { return strings.ToLower(strings.TrimRight(s, "…. ")) }
	var partial []cardButton
	for _, b := range buttons {
		if clean(b.label) == clean(label) {
			return b.action, nil
		}
		if strings.Contains(clean(b.label), clean(label)) {
			partial = append(partial, b)
		}
	}
	var labels []string
	for _, b := range buttons {
		labels = append(labels, "'"+b.label+"'")
	}
	switch {
	case len(partial) == 1:
		return partial[0].action, nil
	case len(buttons) == 0:
		return "", fmt.Errorf("the card shows no buttons")
	case len(partial) == 0:
		return "", fmt.Errorf("the card has no such button (its buttons are %s)", strings.Join(labels, ", "))
	}
	return "", fmt.Errorf("several buttons match (%s): say more of the label", strings.Join(labels, ", "))
}

// told waits until the agent was shown text ephemerally, or a modal of
// theirs answered with it, since their last action.
func (s *story) told(ts *testscript.TestScript, neg bool, a *agent, m matcher) {
	seen := func() []string {
		var out []string
		eph := s.w.Slack.Ephemerals(a.id)
		for _, e := range eph[min(a.seenEphemerals, len(eph)):] {
			out = append(out, e.Text+" "+blocksText(e.Blocks))
		}
		return append(out, a.errors...)
	}
	found := func() bool {
		for _, t := range seen() {
			if m.match(t) {
				return true
			}
		}
		return false
	}
	show := func() string {
		if len(seen()) == 0 {
			return "  (nothing)\n"
		}
		return indent(strings.Join(seen(), "\n"))
	}
	if neg {
		s.settle(ts, 0)
		if found() {
			ts.Fatalf("%s was told %s, and should not have been:\n%s", a.name, m, show())
		}
		return
	}
	s.waitFor(ts, fmt.Sprintf("%s to be told %s", a.name, m), found, func() string {
		return fmt.Sprintf("since %s's last action they were told:\n%s", a.name, show())
	})
}

// submit fills and submits the agent's modal for caseID.
func (s *story) submit(ts *testscript.TestScript, neg bool, a *agent, label, caseID string, fields []string) {
	view, ok := s.openView(a, caseID)
	if !ok {
		s.click(ts, a, label, caseID, 1)
		s.waitFor(ts, fmt.Sprintf("a modal for %s to open for %s", caseID, a.name), func() bool {
			view, ok = s.openView(a, caseID)
			return ok
		}, func() string {
			return fmt.Sprintf("%s was told:\n%s", a.name, indent(ephemeralText(s.w.Slack.Ephemerals(a.id))))
		})
	}
	values, err := modalValues(view.JSON, fields)
	if err != nil {
		ts.Fatalf("%s submits %q on %s: %v", a.name, view.Title, caseID, err)
	}
	rep, err := s.w.Slack.SubmitView(s.ctx, s.w.URL, a.id, view.ID, values, s.via(ts)...)
	if err != nil {
		ts.Fatalf("%s submits %q on %s: %v", a.name, view.Title, caseID, err)
	}
	var resp struct {
		Action string            `json:"response_action"`
		Errors map[string]string `json:"errors"`
	}
	_ = json.Unmarshal(rep.Body, &resp)
	for _, e := range resp.Errors {
		a.errors = append(a.errors, e)
	}
	switch {
	case rep.StatusCode != http.StatusOK:
		ts.Fatalf("%s submits %q on %s: the app answered %d %s", a.name, view.Title, caseID, rep.StatusCode, rep.Body)
	case len(resp.Errors) > 0 && !neg:
		ts.Fatalf("%s submits %q on %s: the modal answered: %s", a.name, view.Title, caseID, strings.Join(a.errors, "; "))
	case len(resp.Errors) == 0 && neg:
		ts.Fatalf("%s submits %q on %s: the modal was accepted, want it refused", a.name, view.Title, caseID)
	}
}

func (s *story) openView(a *agent, caseID string) (slackfake.View, bool) {
	for _, v := range s.w.Slack.OpenViews() {
		if v.User == a.id && v.PrivateMetadata == caseID {
			return v, true
		}
	}
	return slackfake.View{}, false
}

func ephemeralText(es []slackfake.Ephemeral) string {
	var lines []string
	for _, e := range es {
		lines = append(lines, e.Text)
	}
	if len(lines) == 0 {
		return "(nothing)"
	}
	return strings.Join(lines, "\n")
}

// slash runs a slash command as the agent, signed like Slack does; the
// answer (ephemeral, in the response body) is what the agent "is told".
func (s *story) slash(ts *testscript.TestScript, a *agent, line string) {
	command, text, _ := strings.Cut(strings.TrimSpace(line), " ")
	if !strings.HasPrefix(command, "/") {
		ts.Fatalf("agent %s runs %q: want a slash command such as '/refund RF-1'", a.name, line)
	}
	a.seenEphemerals, a.errors = len(s.w.Slack.Ephemerals(a.id)), nil
	rep, err := s.w.Slack.SlashCommand(s.ctx, s.w.URL, a.id, command, text, s.via(ts)...)
	if err != nil {
		ts.Fatalf("agent %s runs %s: %v", a.name, line, err)
	}
	if rep.StatusCode != http.StatusOK {
		ts.Fatalf("agent %s runs %s: HTTP %d %s", a.name, line, rep.StatusCode, rep.Body)
	}
	var msg struct {
		Text   string          `json:"text"`
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(rep.Body, &msg); err != nil {
		ts.Fatalf("agent %s runs %s: the answer is not JSON: %s", a.name, line, rep.Body)
	}
	a.errors = append(a.errors, strings.TrimSpace(msg.Text+" "+blocksText(msg.Blocks)))
}
