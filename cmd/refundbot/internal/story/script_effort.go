package story

import (
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// effortMark is what a provider had done and seen when a story began to
// measure a path: their messages, their taps and the bot's messages.
type effortMark struct{ sent, taps, botMsgs int }

// effort is `telegram effort NAME start` (begin measuring) and `telegram
// effort NAME ACTIONS MESSAGES`: since the start, NAME took at most ACTIONS
// actions (messages sent, buttons tapped) and the bot sent at most
// MESSAGES new messages in that chat (edits in place do not count). The
// numbers measured are logged.
func (s *story) effort(ts *testscript.TestScript, args []string) {
	if len(args) != 2 && len(args) != 3 {
		ts.Fatalf("usage: telegram effort NAME start | telegram effort NAME ACTIONS MESSAGES")
	}
	p := s.person(ts, args[0])
	now := s.effortNow(p)
	if len(args) == 2 {
		if args[1] != "start" {
			ts.Fatalf("usage: telegram effort NAME start")
		}
		p.effort = &now
		return
	}
	if p.effort == nil {
		ts.Fatalf("telegram effort %s: no `telegram effort %s start` before", p.name, p.name)
	}
	maxActions, err1 := strconv.Atoi(args[1])
	maxMsgs, err2 := strconv.Atoi(args[2])
	if err1 != nil || err2 != nil {
		ts.Fatalf("telegram effort wants two counts, got %q %q", args[1], args[2])
	}
	actions := now.sent - p.effort.sent + now.taps - p.effort.taps
	msgs := now.botMsgs - p.effort.botMsgs
	ts.Logf("effort of %s: %d actions, %d bot messages", p.name, actions, msgs)
	if actions > maxActions || msgs > maxMsgs {
		ts.Fatalf("%s took %d actions and the bot sent %d messages; want at most %d and %d", p.name, actions, msgs, maxActions, maxMsgs)
	}
}

func (s *story) effortNow(p *person) effortMark {
	var m effortMark
	for _, msg := range s.w.TG.Messages(p.tgID) {
		if msg.FromBot {
			m.botMsgs++
		} else {
			m.sent++
		}
	}
	m.taps = len(p.taps)
	return m
}
