package conversations_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

const inboundKillEnv = "REFUNDBOT_INBOUND_KILL_DB"

// killUpdate is the raw form of the updates of this test: a new chat
// sending /start.
type killUpdate struct {
	UpdateID int64 `json:"update_id"`
	Chat     int64 `json:"chat"`
}

// eventOf turns a saved update into its event, naming the update as the
// Telegram adapter does, so that the step's commit marks it handled.
func eventOf(t testing.TB, in conversations.Inbound) conversations.Event {
	t.Helper()
	var u killUpdate
	if err := json.Unmarshal(in.Raw, &u); err != nil {
		t.Fatal(err)
	}
	return conversations.Event{Kind: conversations.EvCommand, Command: "start", Source: in.Source, UpdateID: in.ID,
		ChatID: u.Chat, UserID: u.Chat, At: in.Received}
}

func killEngine(db *storage.DB) *conversations.Engine {
	return conversations.NewEngine(conversations.EngineOptions{Store: db, Steps: db, Policy: policy.Default(), SlackChannel: "C-DESK"})
}

// TestInboundExactlyOnceAfterKill runs TestInboundKillChild, which saves
// updates and handles them (four at a time, as busy chats are), kills it
// with SIGKILL mid-stream, after it saved an update it never handled, and
// restarts: the updates still pending are handled, as the adapter's Run
// does, and every saved update has been handled exactly once. A new chat's
// /start writes one session and one reply, and a second handling of it
// would write a second reply, so the outbox holds exactly one reply per
// chat and no update is left pending.
func TestInboundExactlyOnceAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kill.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestInboundKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), inboundKillEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	handled, unhandled := 0, int64(0)
	sc := bufio.NewScanner(out)
	for unhandled == 0 && sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "handled "):
			handled++
		case strings.HasPrefix(line, "saved only "):
			fmt.Sscan(strings.TrimPrefix(line, "saved only "), &unhandled)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if unhandled == 0 || handled < 100 {
		t.Fatalf("the child handled %d updates and never reported one saved only", handled)
	}

	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pending, err := db.PendingInbound(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	eng := killEngine(db)
	for _, in := range pending {
		found = found || in.ID == unhandled
		if _, err := eng.Handle(ctx, eventOf(t, in)); err != nil {
			t.Fatalf("replay of update %d: %v", in.ID, err)
		}
	}
	if !found {
		t.Fatalf("update %d, saved and never handled, is not pending after the kill: %d pending", unhandled, len(pending))
	}
	if again, _ := db.PendingInbound(ctx); len(again) != 0 {
		t.Fatalf("%d updates still pending after the replay", len(again))
	}
	// Telegram delivers the killed process's updates again: all are known.
	for _, in := range pending {
		if fresh, err := db.SaveInbound(ctx, in); err != nil || fresh {
			t.Fatalf("redelivered update %d saved as new: %v %v", in.ID, fresh, err)
		}
	}
	sessions, err := db.Sessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	depth, _, err := db.OutboxStats(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) < handled || depth != len(sessions) {
		t.Fatalf("%d chats with a session (%d reported handled), %d replies: want one reply per chat", len(sessions), handled, depth)
	}
	if problems, err := db.Verify(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("verify: %v %v", problems, err)
	}
	t.Logf("killed after %d handled updates; %d pending replayed; %d chats, one reply each", handled, len(pending), len(sessions))
}

// TestInboundKillChild is the child of TestInboundExactlyOnceAfterKill; it
// does nothing unless run by it.
func TestInboundKillChild(t *testing.T) {
	path := os.Getenv(inboundKillEnv)
	if path == "" {
		t.Skip("run by TestInboundExactlyOnceAfterKill")
	}
	ctx := context.Background()
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	eng := killEngine(db)
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Printf(format+"\n", args...)
	}
	receive := func(id int64) conversations.Inbound {
		raw, _ := json.Marshal(killUpdate{UpdateID: id, Chat: 5000 + id})
		in := conversations.Inbound{Source: conversations.Telegram, ID: id, ChatID: 5000 + id, Raw: raw, Received: time.Now()}
		if fresh, err := db.SaveInbound(ctx, in); err != nil || !fresh {
			panic(fmt.Sprintf("save update %d: %v %v", id, fresh, err))
		}
		return in
	}
	var wg sync.WaitGroup
	for w := range int64(4) {
		wg.Go(func() {
			// Bounded so an orphaned child ends by itself.
			for id := 1 + w; id <= 2000; id += 4 {
				in := receive(id)
				if _, err := eng.Handle(ctx, eventOf(t, in)); err != nil {
					panic(err)
				}
				say("handled %d", id)
				if id == 401 {
					// Received, saved, and killed before its step.
					say("saved only %d", receive(100000).ID)
					select {}
				}
			}
		})
	}
	wg.Wait()
}
