package load

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

// killChildEnv names the data directory of the child world under load.
const killChildEnv = "REFUNDBOT_KILL_CHILD_DIR"

// TestKillChildUnderLoad is not a test on its own: run by
// TestKillDashNineUnderLoad, it runs a world in the given directory and
// keeps 40 providers filing cases and an agent approving them, printing
// "TOLD RF-n" once a provider's fake Telegram received its case ID and
// "APPROVED RF-n" once the approve click was acknowledged, until killed.
func TestKillChildUnderLoad(t *testing.T) {
	dir := os.Getenv(killChildEnv)
	if dir == "" {
		t.Skip("run by TestKillDashNineUnderLoad")
	}
	const n = 40
	ctx := context.Background()
	w, watch, err := startWatchedWorld(ctx, world.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := seedSim(ctx, w, n); err != nil {
		t.Fatal(err)
	}
	fmt.Println("READY")
	s := &sim{w: w, watch: watch}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 1; i <= n; i++ {
		wg.Go(func() {
			id, err := s.provider(i).fileCase(ctx)
			if err != nil {
				return
			}
			mu.Lock()
			fmt.Println("TOLD", id)
			mu.Unlock()
			if s.waitCards(ctx, []string{id}) != nil || s.approve(ctx, id) != nil {
				return
			}
			mu.Lock()
			fmt.Println("APPROVED", id)
			mu.Unlock()
		})
	}
	wg.Wait()
	time.Sleep(time.Minute) // the parent kills us long before
}

// TestKillDashNineUnderLoad runs the child above, SIGKILLs it mid-load,
// reopens its store, and checks Verify is clean, every case ID a provider
// was told exists, and every acknowledged approval is committed with its
// credit.
func TestKillDashNineUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("re-execs the test binary")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChildUnderLoad$", "-test.count=1")
	cmd.Env = append(os.Environ(), killChildEnv+"="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	told, approved := map[string]bool{}, map[string]bool{}
	deadline := time.After(8 * time.Second) // bounds the run; the kill comes earlier
wait:
	for len(approved) < 10 {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("child ended before the kill (told %d)", len(told))
			}
			if id, ok := strings.CutPrefix(line, "TOLD "); ok {
				told[id] = true
			}
			if id, ok := strings.CutPrefix(line, "APPROVED "); ok {
				approved[id] = true
			}
		case <-deadline:
			t.Logf("killing at the deadline with %d told, %d approved", len(told), len(approved))
			break wait
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for line := range lines { // what the child printed before it died counts
		if id, ok := strings.CutPrefix(line, "TOLD "); ok {
			told[id] = true
		}
		if id, ok := strings.CutPrefix(line, "APPROVED "); ok {
			approved[id] = true
		}
	}
	_ = cmd.Wait()
	if len(told) == 0 {
		t.Fatal("no provider was told a case ID before the kill")
	}
	db, err := storage.Open(filepath.Join(dir, "refundbot.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if probs, err := db.Verify(t.Context()); err != nil || len(probs) > 0 {
		t.Fatalf("verify after kill -9: %v %v", probs, err)
	}
	for id := range told {
		if _, err := db.Case(t.Context(), id); err != nil {
			t.Errorf("%s was told to a provider but is not in the store: %v", id, err)
		}
	}
	for id := range approved {
		c, err := db.Case(t.Context(), id)
		if err != nil || c.State != policy.StateApproved {
			t.Errorf("%s approval was acknowledged but the case is %v (%v)", id, c.State, err)
			continue
		}
		wl, err := db.Wallet(t.Context(), c.ProviderID)
		if err != nil || wl.Balance != 1000 {
			t.Errorf("%s approved but %s has balance %d (%v), want 1000", id, c.ProviderID, wl.Balance, err)
		}
	}
	t.Logf("killed with %d cases told and %d approvals acknowledged; all found", len(told), len(approved))
}
