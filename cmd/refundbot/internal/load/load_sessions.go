package load

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

// sessionsResult is what the mid-conversation run measured.
type sessionsResult struct {
	Sessions       int
	Steps          int
	Elapsed        time.Duration
	RSSBytes       int64 // VmRSS with every session mid-flow, after a GC
	HeapBytes      uint64
	Resumed        int // sessions found at their step after the restart and moved on
	ResumeDuration time.Duration
}

// sessionEvents is chat i's flow up to depth events, straight into the
// engine (no Telegram): /start, the contact, /refund, the reason button,
// the first answer, then a lead ID. Buttons are built from the session's
// nonce with the callback codec, as the bot's own buttons are.
func sessionEvent(i, k int, s conversations.Session) conversations.Event {
	user := int64(900000 + i)
	ev := conversations.Event{Source: "", ChatID: user, UserID: user, At: time.Now(), LanguageCode: "en"}
	callback := func(action, arg string) {
		data, _ := conversations.Callback{Nonce: s.Nonce, Action: action, Arg: arg}.Encode()
		ev.Kind, ev.Data, ev.CallbackID, ev.MessageID = conversations.EvCallback, data, "q"+strconv.Itoa(i), s.MessageID
	}
	switch k {
	case 0:
		ev.Kind, ev.Command = conversations.EvCommand, "start"
	case 1:
		ev.Kind, ev.Contact = conversations.EvContact, &conversations.Contact{Phone: fmt.Sprintf("+9198%08d", i), UserID: user}
	case 2:
		ev.Kind, ev.Command = conversations.EvCommand, "refund"
	case 3:
		callback("r", string(policy.ReasonInvalidLead))
	case 4:
		callback("o", "wrong_number")
	default:
		ev.Kind, ev.Text = conversations.EvText, fmt.Sprintf("L-L%05d", i)
	}
	return ev
}

// wantStep is the session's step after k+1 events of sessionEvent.
var wantStep = []string{"link", "idle", "reason", "question", "leads", "leads"}

// runSessions puts n providers mid-conversation through the real engine on
// a real store in dir (chat i stops after 3, 4 or 5 events), measures the
// resident memory, closes and reopens the store with a new engine, checks
// every session is at its step and takes each one step further.
func runSessions(ctx context.Context, dir string, n int) (sessionsResult, error) {
	res := sessionsResult{Sessions: n}
	path := filepath.Join(dir, "sessions.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		return res, err
	}
	ps, us := simProviders(n)
	if err := db.UpsertProviders(ctx, ps, time.Now().Add(-72*time.Hour)); err != nil {
		db.Close()
		return res, err
	}
	if _, err := db.RecordUnlocks(ctx, us); err != nil {
		db.Close()
		return res, err
	}
	depth := func(i int) int { return 3 + i%3 }
	var steps atomic.Int64
	start := time.Now()
	err = forEachChat(ctx, n, func(i int) error {
		e := newSessionEngine(db)
		for k := range depth(i) {
			if err := handleChecked(ctx, e, db, i, k); err != nil {
				return err
			}
			steps.Add(1)
		}
		return nil
	})
	res.Elapsed, res.Steps = time.Since(start), int(steps.Load())
	if err != nil {
		db.Close()
		return res, err
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	res.HeapBytes = ms.HeapInuse
	res.RSSBytes = procStatus("VmRSS")
	if err := db.Close(); err != nil {
		return res, err
	}

	db, err = storage.Open(path, storage.Options{})
	if err != nil {
		return res, fmt.Errorf("reopen: %w", err)
	}
	defer db.Close()
	start = time.Now()
	var mu sync.Mutex
	err = forEachChat(ctx, n, func(i int) error {
		s, ok, err := db.Session(ctx, int64(900000+i))
		if err != nil {
			return err
		}
		if !ok || s.Step != wantStep[depth(i)-1] {
			return fmt.Errorf("chat %d after restart: found %v at step %q, want %q", i, ok, s.Step, wantStep[depth(i)-1])
		}
		if err := handleChecked(ctx, newSessionEngine(db), db, i, depth(i)); err != nil {
			return fmt.Errorf("resume: %w", err)
		}
		mu.Lock()
		res.Resumed++
		mu.Unlock()
		return nil
	})
	res.ResumeDuration = time.Since(start)
	return res, err
}

func newSessionEngine(db *storage.DB) *conversations.Engine {
	return conversations.NewEngine(conversations.EngineOptions{Store: db, Steps: db, Policy: policy.Default(),
		Clock: conversations.SystemClock{}, SlackChannel: world.FakeChannel, Location: time.UTC})
}

// handleChecked runs event k of chat i and checks the step it lands on.
func handleChecked(ctx context.Context, e *conversations.Engine, db *storage.DB, i, k int) error {
	chat := int64(900000 + i)
	s, _, err := db.Session(ctx, chat)
	if err != nil {
		return err
	}
	if _, err := e.Handle(ctx, sessionEvent(i, k, s)); err != nil {
		return err
	}
	after, _, err := db.Session(ctx, chat)
	if err != nil {
		return err
	}
	if after.Step != wantStep[k] {
		return fmt.Errorf("chat %d event %d: step %q, want %q", i, k, after.Step, wantStep[k])
	}
	if k == 5 && len(after.Draft.LeadIDs) != 1 {
		return fmt.Errorf("chat %d: lead not taken: %v", i, after.Draft.LeadIDs)
	}
	return nil
}

// forEachChat runs f for chats 1..n on a few workers; the first error stops it.
func forEachChat(ctx context.Context, n int, f func(i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			for i := range next {
				if err := f(i); err != nil {
					cancel(err)
				}
			}
		})
	}
	for i := 1; i <= n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}

// procStatus reads a size line (kB) of /proc/self/status in bytes; 0
// where there is no /proc.
func procStatus(key string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
