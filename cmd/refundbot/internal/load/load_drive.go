package load

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/conversations"
)

// stepTimeout bounds one simulated step; only a hung run reaches it.
const stepTimeout = 60 * time.Second

// sim drives simulated providers and agents through a watched world and
// collects the latencies it saw.
type sim struct {
	w     *world.World
	watch *sendWatch

	mu        sync.Mutex
	steps     []time.Duration // update injected → first reply taken by the fake API
	approvals []time.Duration // approve click → acknowledged (credit committed)
	handled   []time.Duration // the same clicks as the app's handler timed them
	traced    []time.Duration // update taken → dialogue committed (the app's step metric)
	burstCPU  time.Duration   // the process's CPU while approveBurst's clicks were in flight
}

// traceStep records one step's time as the app's step metric saw it.
func (s *sim) traceStep(took time.Duration) {
	s.mu.Lock()
	s.traced = append(s.traced, took)
	s.mu.Unlock()
}

// traceClick records one interaction's time as the app's handler saw it.
func (s *sim) traceClick(took time.Duration) {
	s.mu.Lock()
	s.handled = append(s.handled, took)
	s.mu.Unlock()
}

// takeTraced returns the step times traced so far and starts afresh.
func (s *sim) takeTraced() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.traced
	s.traced = nil
	return out
}

// simProvider is provider number i of a load run: user and chat 700000+i,
// provider ID P-L<i>, one unlocked lead L-L<i> of 50 coins.
type simProvider struct {
	s    *sim
	i    int
	user int64
}

func simProviders(n int) ([]conversations.Provider, []conversations.Unlock) {
	at := time.Now().Add(-72 * time.Hour)
	ps := make([]conversations.Provider, 0, n)
	us := make([]conversations.Unlock, 0, n)
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("P-L%05d", i)
		ps = append(ps, conversations.Provider{ID: id, Name: fmt.Sprintf("Load %d", i), Phone: fmt.Sprintf("+9198%08d", i), Language: "en", OpeningBalance: 1000})
		us = append(us, conversations.Unlock{ProviderID: id, LeadID: fmt.Sprintf("L-L%05d", i), Coins: 50, UnlockedAt: at, Category: "Plumbing"})
	}
	return ps, us
}

// seedSim imports n simulated providers and their unlocks.
func seedSim(ctx context.Context, w *world.World, n int) error {
	ps, us := simProviders(n)
	if err := w.App.Store.UpsertProviders(ctx, ps, time.Now().Add(-72*time.Hour)); err != nil {
		return err
	}
	_, err := w.App.Store.RecordUnlocks(ctx, us)
	return err
}

func (s *sim) provider(i int) *simProvider { return &simProvider{s: s, i: i, user: int64(700000 + i)} }

// latest is the bot's latest message text and its buttons' texts.
func (p *simProvider) latest() (string, []string) {
	m, ok := p.s.w.TG.LastMessage(p.user)
	if !ok {
		return "", nil
	}
	var buttons []string
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			buttons = append(buttons, b.Text)
		}
	}
	return m.Plain, buttons
}

// step injects an update with do and waits until the bot's latest
// message contains want; it records the latency to the first reply. With
// do nil it only waits and records nothing.
func (p *simProvider) step(ctx context.Context, want string, do func() error) (string, error) {
	p.s.watch.arm(p.user)
	wake := p.s.watch.signal(p.user)
	start := time.Now()
	if do != nil {
		if err := do(); err != nil {
			return "", err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		if text, _ := p.latest(); strings.Contains(text, want) {
			if at := p.s.watch.firstAt(p.user); do != nil && !at.IsZero() {
				p.s.mu.Lock()
				p.s.steps = append(p.s.steps, at.Sub(start))
				p.s.mu.Unlock()
			}
			return text, nil
		}
		select {
		case <-ctx.Done():
			text, _ := p.latest()
			return "", fmt.Errorf("provider %d waiting for %q, bot said %q: %w", p.i, want, text, ctx.Err())
		case <-wake:
		case <-tick.C:
		}
	}
}

func (p *simProvider) say(ctx context.Context, text, want string) (string, error) {
	return p.step(ctx, want, func() error { p.s.w.TG.UserSends(p.user, text); return nil })
}

// tap taps the button of the latest message whose text contains label.
func (p *simProvider) tap(ctx context.Context, label, want string) (string, error) {
	_, buttons := p.latest()
	for _, b := range buttons {
		if strings.Contains(b, label) {
			return p.step(ctx, want, func() error { return p.s.w.TG.UserTaps(p.user, b) })
		}
	}
	return "", fmt.Errorf("provider %d: no button %q in %q", p.i, label, buttons)
}

var caseIDPattern = regexp.MustCompile(`RF-[0-9]+`)

// fileCase links the provider and files an invalid-lead case with a text
// note, nine steps; it returns the case ID the bot told the provider.
func (p *simProvider) fileCase(ctx context.Context) (string, error) {
	type act struct{ tap, say, want string }
	acts := []act{
		{say: "/start", want: "share the phone number"},
		{want: "now linked"}, // the contact, below
		{say: "/refund", want: "Choose the reason"},
		{tap: "Invalid lead", want: "What was wrong"},
		{tap: "Wrong or fake number", want: "Send the ID of the lead"},
		{say: fmt.Sprintf("L-L%05d", p.i), want: "total 50 coins"},
		{tap: "Done with leads", want: "send your evidence"},
		// The acknowledgement of the evidence carries the summary and Submit.
		{say: "The number was switched off for three days.", want: "Your refund request"},
		{tap: "Submit", want: "is submitted"},
	}
	var text string
	var err error
	for _, a := range acts {
		switch {
		case a.tap != "":
			text, err = p.tap(ctx, a.tap, a.want)
		case a.say != "":
			text, err = p.say(ctx, a.say, a.want)
		default:
			text, err = p.step(ctx, a.want, func() error {
				p.s.w.TG.UserSharesContact(p.user, fmt.Sprintf("9198%08d", p.i), p.user, false)
				return nil
			})
		}
		if err != nil {
			return "", err
		}
	}
	id := caseIDPattern.FindString(text)
	if id == "" {
		return "", fmt.Errorf("provider %d: no case ID in %q", p.i, text)
	}
	return id, nil
}

// cards maps each case ID to the top-level channel messages showing it.
func (s *sim) cards() map[string][]string {
	out := map[string][]string{}
	for _, m := range s.w.Slack.Messages(world.FakeChannel) {
		if m.ThreadTS != "" {
			continue
		}
		ids := map[string]bool{}
		for _, id := range caseIDPattern.FindAllString(string(m.Blocks), -1) {
			ids[id] = true
		}
		if len(ids) == 1 {
			for id := range ids {
				out[id] = append(out[id], m.TS)
			}
		}
	}
	return out
}

// approve clicks "approve all" on the case's card as the first approver
// and records the click's round trip: the Slack adapter acknowledges after
// the desk committed the decision and its credit.
func (s *sim) approve(ctx context.Context, caseID string) error {
	return s.approveCard(ctx, caseID, s.cards()[caseID])
}

// approveCard is approve with the case's card messages already found (see
// cards): a burst of clicks looks them up once, so the load generator's own
// scans of the channel do not compete with the bot for the CPU.
func (s *sim) approveCard(ctx context.Context, caseID string, ts []string) error {
	if len(ts) == 0 {
		return fmt.Errorf("no card for %s", caseID)
	}
	click, err := s.w.Slack.PrepareClick(s.w.URL, world.FakeAgents()[0].ID, world.FakeChannel, ts[0], "approve_all")
	if err != nil {
		return fmt.Errorf("approve %s: %w", caseID, err)
	}
	return s.send(ctx, caseID, click)
}

// send sends a prepared click and records its round trip: from the fake
// Slack signing and sending the request to the app's acknowledgement.
func (s *sim) send(ctx context.Context, caseID string, click *slackfake.Click) error {
	start := time.Now()
	rep, err := click.Send(ctx)
	if err != nil {
		return fmt.Errorf("approve %s: %w", caseID, err)
	}
	if rep.StatusCode/100 != 2 {
		return fmt.Errorf("approve %s: status %d", caseID, rep.StatusCode)
	}
	s.mu.Lock()
	s.approvals = append(s.approvals, time.Since(start))
	s.mu.Unlock()
	return nil
}

// approveBurst approves every case of ids at once, as many approvers
// clicking in the same instant: the fake builds every click's payload
// first (Slack's work, not the app's), then all are sent together.
func (s *sim) approveBurst(ctx context.Context, ids []string, cards map[string][]string) error {
	clicks := make([]*slackfake.Click, len(ids))
	for i, id := range ids {
		if len(cards[id]) == 0 {
			return fmt.Errorf("no card for %s", id)
		}
		c, err := s.w.Slack.PrepareClick(s.w.URL, world.FakeAgents()[0].ID, world.FakeChannel, cards[id][0], "approve_all")
		if err != nil {
			return fmt.Errorf("approve %s: %w", id, err)
		}
		clicks[i] = c
	}
	s.w.App.Metrics.TraceInteractions(s.traceClick)
	defer s.w.App.Metrics.TraceInteractions(nil)
	go_ := make(chan struct{})
	errs := make(chan error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() {
			<-go_
			if err := s.send(ctx, id, clicks[i]); err != nil {
				errs <- err
			}
		})
	}
	cpu0 := processCPU()
	close(go_)
	wg.Wait()
	s.burstCPU = processCPU() - cpu0
	close(errs)
	return <-errs
}

// fileCases has providers from+1 … to file a case each, all at once, and
// puts provider i+1's case in ids[i]; it returns one of their errors.
func (s *sim) fileCases(ctx context.Context, ids []string, from, to int) error {
	errs := make(chan error, to-from)
	var wg sync.WaitGroup
	for i := from; i < to; i++ {
		wg.Go(func() {
			id, err := s.provider(i + 1).fileCase(ctx)
			ids[i] = id
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// waitCards waits until every case has its card in the channel.
func (s *sim) waitCards(ctx context.Context, ids []string) error {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	for {
		cards := s.cards()
		missing := 0
		for _, id := range ids {
			if len(cards[id]) == 0 {
				missing++
			}
		}
		if missing == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%d of %d cards missing: %w", missing, len(ids), ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}
