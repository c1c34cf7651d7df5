package story

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/conversations"
)

// storyStart is where a story's clock starts unless the story sets it:
// 2026-03-10 10:00 in India.
func storyStart() time.Time {
	return time.Date(2026, 3, 10, 10, 0, 0, 0, time.FixedZone("IST", 5*3600+1800))
}

// storyWait bounds every wait of a story: a wait ends as soon as what it
// waits for happens, the bound only stops a story that would hang.
const storyWait = 10 * time.Second

// Options are shared by the stories of one run: where their logs go
// (for the secrets scan) and where transcripts are echoed (script run).
type Options struct {
	Logs *LogSink
	Echo io.Writer
	// Socket runs the desk in Slack Socket Mode (slack.mode: socket): the
	// agents' clicks, modal submissions and slash commands reach the app
	// as envelopes over its WebSocket, not as signed HTTP requests.
	Socket bool
}

// FakeAppToken is the app-level token of the Socket Mode stories.
const FakeAppToken = "xapp-1-A0FAKE-fake-app-token"

// story is one running story: a world on a story clock, and the people in
// it. Commands run one at a time, so it needs no lock of its own.
type story struct {
	// ctx lives as long as the story; testscript's commands take none.
	ctx    context.Context
	w      *world.World
	clock  *storyClock
	people map[string]*person
	order  []string // people in the order the story introduced them
	agents map[string]*agent
	echo   io.Writer
	logs   *LogSink
	albums int // albums sent so far, for their media group IDs
	// socket: agents act over Socket Mode, on a connection opened after
	// the app's last (re)start: the fake's dial count reaches minDials.
	socket   bool
	minDials int
}

// person is a provider of the story: a Telegram user linked by the CSV.
type person struct {
	name       string
	tgID       int64
	providerID string
	phone      string
	// seen is each bot message (ID → edits) at the person's last action:
	// what the bot says after it is "fresh".
	seen map[int]int
	// answers is how many button answers (toasts) Telegram had then.
	answers int
	// taps are the buttons tapped so far, for "taps again".
	taps []tapped
	// effort is where `telegram effort NAME start` began to count.
	effort *effortMark
	// history is what the person saw, in order, one rendered entry per
	// message and per edit seen; shown holds the edits recorded per message.
	history []string
	shown   map[int]int
}

type tapped struct {
	label string
	msgID int
	data  string
}

// agent is a member of the fake Slack workspace.
type agent struct {
	name, id       string
	seenEphemerals int
	errors         []string // modal errors and slash-command answers since the agent's last action
}

type storyKey struct{}

// setupStory starts a world in the story's $WORK and hands the story to
// the commands.
func setupStory(env *testscript.Env, o Options) error {
	ctx, cancel := context.WithCancel(context.Background())
	s := &story{
		ctx: ctx, clock: newStoryClock(storyStart()), people: map[string]*person{}, agents: map[string]*agent{},
		echo: o.Echo, logs: o.Logs, socket: o.Socket, minDials: 1,
	}
	for _, a := range world.FakeAgents() {
		s.agents[a.Name] = &agent{name: a.Name, id: a.ID}
	}
	wo := world.Options{Dir: env.WorkDir + "/data", Clock: s.clock, Configure: func(c *app.Config) {
		c.Log.Level = "debug"
		if o.Socket {
			c.Slack.Mode, c.Slack.AppToken = "socket", FakeAppToken
		}
	}}
	if o.Logs != nil {
		wo.Stderr = o.Logs.buffer()
	}
	w, err := world.Start(ctx, wo)
	if err != nil {
		cancel()
		return fmt.Errorf("start the world: %w", err)
	}
	s.w = w
	if o.Logs != nil {
		o.Logs.secret(w.TG.Token, world.FakeBotToken, world.FakeSigningSecret, FakeAppToken)
	}
	env.Values[storyKey{}] = s
	env.Defer(func() {
		_ = w.Close()
		cancel()
	})
	return nil
}

func storyOf(ts *testscript.TestScript) *story { return ts.Value(storyKey{}).(*story) }

// via is how an agent's request reaches the app: signed HTTP, or in a
// Socket Mode story an envelope over the app's current connection (it
// waits for the app to connect after a start or restart).
func (s *story) via(ts *testscript.TestScript) []slackfake.RequestOption {
	if !s.socket {
		return nil
	}
	s.waitFor(ts, "the app to connect over Socket Mode", func() bool {
		return s.w.Slack.SocketDials() >= s.minDials && s.w.Slack.SocketConnections() == 1
	}, func() string {
		return fmt.Sprintf("%d connection(s) open, %d opened so far, want one opened after the last restart (%d)",
			s.w.Slack.SocketConnections(), s.w.Slack.SocketDials(), s.minDials)
	})
	return []slackfake.RequestOption{slackfake.ViaSocket()}
}

// restarted notes that the app is starting again: agents wait for its
// new Socket Mode connection.
func (s *story) restarted(dialsBefore int) { s.minDials = dialsBefore + 1 }

// person returns the provider the story calls name.
func (s *story) person(ts *testscript.TestScript, name string) *person {
	p, ok := s.people[name]
	if !ok {
		ts.Fatalf("no provider %q in the providers file (known: %s)", name, strings.Join(s.order, ", "))
	}
	return p
}

func (s *story) agent(ts *testscript.TestScript, name string) *agent {
	a, ok := s.agents[name]
	if !ok {
		var names []string
		for _, a := range world.FakeAgents() {
			names = append(names, a.Name)
		}
		ts.Fatalf("no agent %q (the workspace has %s; %s and %s approve)", name, strings.Join(names, ", "), names[0], names[1])
	}
	return a
}

// waitFor polls cond until it holds or storyWait passes; then it fails
// the story with what it waited for and what it saw instead.
func (s *story) waitFor(ts *testscript.TestScript, what string, cond func() bool, saw func() string) {
	deadline := time.Now().Add(storyWait)
	for !cond() {
		if time.Now().After(deadline) {
			msg := "waited " + storyWait.String() + " for " + what
			if saw != nil {
				msg += "\n" + saw()
			}
			ts.Fatalf("%s", msg)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle waits until the system is quiet: Telegram holds no unconfirmed
// update, every saved update is handled, no outbox message is due, and
// (for chat != 0) nothing is waiting to go to that chat at all, even a
// message waiting for a retry. Settling after each action keeps the
// transcripts in a stable order.
func (s *story) settle(ts *testscript.TestScript, chat int64) {
	rcpt := strconv.FormatInt(chat, 10)
	var why string
	s.waitFor(ts, "the bot to finish its work", func() bool {
		if n := s.w.TG.Pending(); n > 0 {
			why = fmt.Sprintf("%d Telegram updates not yet taken", n)
			return false
		}
		in, err := s.w.App.Store.PendingInbound(s.ctx)
		if err != nil || len(in) > 0 {
			why = fmt.Sprintf("%d updates saved but not handled (%v)", len(in), err)
			return false
		}
		now := s.clock.Now()
		due, err := s.w.App.Store.DueOutbox(s.ctx, now, 0)
		if err != nil || len(due) > 0 {
			why = fmt.Sprintf("%d outbox messages due (%v)", len(due), err)
			return false
		}
		if chat == 0 {
			return true
		}
		all, err := s.w.App.Store.DueOutbox(s.ctx, now.Add(365*24*time.Hour), 0)
		if err != nil || slices.ContainsFunc(all, func(m conversations.OutboxMessage) bool {
			return m.Transport == conversations.Telegram && m.Recipient == rcpt
		}) {
			why = fmt.Sprintf("a message to chat %d waits for a retry (%v)", chat, err)
			return false
		}
		return true
	}, func() string { return why })
	s.record()
}

// record appends to each person's history the messages and edits of
// their chat not recorded yet. The story records after every settle, so
// the history keeps the order things happened in, and each version of a
// message edited in place.
func (s *story) record() {
	for _, name := range s.order {
		p := s.people[name]
		if p.shown == nil {
			p.shown = map[int]int{}
		}
		for _, m := range s.w.TG.Messages(p.tgID) {
			edits, ok := p.shown[m.ID]
			if ok && edits == m.Edits {
				continue
			}
			p.shown[m.ID] = m.Edits
			head := "bot:  "
			switch {
			case !m.FromBot:
				p.history = append(p.history, s.renderLine(p, m))
				continue
			case m.Deleted:
				head = "bot ✗ "
			case ok:
				head = "bot ✎ "
			}
			p.history = append(p.history, indentWith(head, renderTelegram(m)))
		}
	}
}

// mark remembers what the bot has said to p, before p acts.
func (s *story) mark(p *person) {
	p.seen = map[int]int{}
	p.answers = len(s.w.TG.CallbackAnswers())
	for _, m := range s.w.TG.BotMessages(p.tgID) {
		p.seen[m.ID] = m.Edits
	}
}
