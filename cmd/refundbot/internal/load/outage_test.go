package load

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// newLoadSim starts a watched world seeded with n simulated providers.
func newLoadSim(t *testing.T, n int, o world.Options) *sim {
	t.Helper()
	o.Dir = t.TempDir()
	w, watch, err := startWatchedWorld(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	if err := seedSim(t.Context(), w, n); err != nil {
		t.Fatal(err)
	}
	return &sim{w: w, watch: watch}
}

// fileAll has providers 1..n file a case each, concurrently, and returns
// the case IDs they were told, by provider.
func (s *sim) fileAll(t *testing.T, n int) []string {
	t.Helper()
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			id, err := s.provider(i + 1).fileCase(t.Context())
			if err != nil {
				t.Error(err)
			}
			ids[i] = id
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("case ID %s told to two providers", id)
		}
		seen[id] = true
	}
	return ids
}

// settle waits until the outbox is empty; the bound only stops a hung test.
func (s *sim) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		depth, _, err := s.w.App.Store.OutboxStats(t.Context(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if depth == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox still holds %d messages", depth)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *sim) verify(t *testing.T) {
	t.Helper()
	if probs, err := s.w.App.Store.Verify(t.Context()); err != nil || len(probs) > 0 {
		t.Fatalf("verify: %v %v", probs, err)
	}
}

// TestSlackOutageDuringSubmissions: Slack is down while 100 providers
// submit; each is told its case ID at once, and once Slack is back every
// card is posted exactly once.
func TestSlackOutageDuringSubmissions(t *testing.T) {
	const n = 100
	s := newLoadSim(t, n, world.Options{})
	s.w.Slack.SetDown(true)
	ids := s.fileAll(t, n)
	t.Logf("%d cases filed while Slack was down", n)
	if cards := s.cards(); len(cards) != 0 {
		t.Fatalf("%d cards posted while Slack was down", len(cards))
	}
	s.w.Slack.SetDown(false)
	if err := s.waitCards(t.Context(), ids); err != nil {
		t.Fatal(err)
	}
	s.settle(t)
	cards := s.cards()
	for _, id := range ids {
		if len(cards[id]) != 1 {
			t.Errorf("%s has %d cards, want 1", id, len(cards[id]))
		}
	}
	if len(cards) != n {
		t.Errorf("%d cases have cards, want %d", len(cards), n)
	}
	s.verify(t)
}

// TestTelegramOutageDuringDecisions: Telegram is down while agents approve
// 100 cases; every click is acknowledged, and once Telegram is back every
// provider hears the outcome exactly once and is credited once.
func TestTelegramOutageDuringDecisions(t *testing.T) {
	const n = 100
	s := newLoadSim(t, n, world.Options{})
	ids := s.fileAll(t, n)
	if err := s.waitCards(t.Context(), ids); err != nil {
		t.Fatal(err)
	}
	s.settle(t)
	s.w.TG.SetDown(true)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			if err := s.approve(t.Context(), id); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	s.w.TG.SetDown(false)
	s.settle(t)
	for i := 1; i <= n; i++ {
		p := s.provider(i)
		told := 0
		for _, m := range s.w.TG.BotMessages(p.user) {
			if strings.Contains(m.Plain, "50 coins are back in your wallet") {
				told++
			}
		}
		if told != 1 {
			t.Errorf("provider %d told of the refund %d times, want 1", i, told)
		}
		wl, err := s.w.App.Store.Wallet(t.Context(), fmt.Sprintf("P-L%05d", i))
		if err != nil {
			t.Fatal(err)
		}
		if wl.Balance != 1000 { // 1000 opening - 50 unlock + 50 refund
			t.Errorf("provider %d balance %d, want 1000", i, wl.Balance)
		}
	}
	s.verify(t)
}

// TestPacingAgainstFloodControl: with the fake enforcing Telegram's flood
// limits and five injected 429s, 300 notifications to 50 chats at the
// world's real pacing arrive in order with no 429 beyond the injected
// ones. (300 keeps CI short; `refundbot load --notifications 1000` runs
// the full target.)
func TestPacingAgainstFloodControl(t *testing.T) {
	const chats, total, injected = 50, 300, 5
	s := newLoadSim(t, chats, world.Options{RealPace: true})
	for i := 1; i <= chats; i++ {
		s.w.TG.UserSends(s.provider(i).user, "/start")
	}
	for i := 1; i <= chats; i++ {
		if _, err := s.provider(i).step(t.Context(), "share the phone number", nil); err != nil {
			t.Fatal(err)
		}
	}
	s.settle(t)
	got, err := floodRun(t.Context(), s, chats, total, injected)
	if err != nil {
		t.Fatal(err)
	}
	if got.calls != total+injected {
		t.Fatalf("%d sendMessage calls for %d notifications and %d injected 429s: %d flood 429s",
			got.calls, total, injected, got.calls-total-injected)
	}
	for i := 1; i <= chats; i++ {
		var notes []string
		for _, m := range s.w.TG.BotMessages(s.provider(i).user) {
			if strings.HasPrefix(m.Plain, "Notice ") {
				notes = append(notes, m.Plain)
			}
		}
		if len(notes) != total/chats {
			t.Fatalf("chat %d got %d notices, want %d", i, len(notes), total/chats)
		}
		for k, text := range notes {
			if want := "Notice " + strconv.Itoa(k+1) + " "; !strings.HasPrefix(text, want) {
				t.Fatalf("chat %d notice %d is %q: out of order", i, k+1, text)
			}
		}
	}
	s.verify(t)
}
