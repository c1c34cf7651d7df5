package storage

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

const crashEnv = "REFUNDBOT_STORAGE_CRASH_DB"

// TestCrash runs TestCrashChild in a child process that commits credits
// and decisions in a loop and prints each one after its commit returned,
// kills it with SIGKILL mid-stream, reopens the file and checks that
// Verify is clean and every reported commit is there.
func TestCrash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	db, err := Open(path, Options{})
	must(t, err)
	seed(t, db, 1, 3000)
	must(t, db.Close())

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	var reported []string
	sc := bufio.NewScanner(out)
	for len(reported) < 300 && sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
			reported = append(reported, line)
		}
	}
	must(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	if len(reported) < 300 {
		t.Fatalf("child reported only %d commits before it stopped", len(reported))
	}

	db, err = Open(path, Options{})
	must(t, err)
	defer db.Close()
	mustClean(t, db)
	w, err := db.Wallet(ctx, "P1")
	must(t, err)
	keys := map[string]int64{}
	for _, e := range w.Entries {
		keys[e.Key] = e.Coins
	}
	for _, r := range reported {
		f := strings.Fields(r)
		switch f[0] {
		case "credit":
			if keys[f[1]] != 7 {
				t.Errorf("reported credit %s missing after the crash", f[1])
			}
		case "case":
			c, err := db.Case(ctx, f[1])
			if err != nil || c.State != policy.StateApproved || keys[refundKey(c.ID, c.Leads[0].LeadID)] != 100 {
				t.Errorf("reported approval of %s missing after the crash: %+v %v", f[1], c, err)
			}
		}
	}
	t.Logf("%d commits reported before SIGKILL, all present", len(reported))
}

// TestCrashChild is the child of TestCrash; it does nothing unless run by it.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestCrash")
	}
	ctx := context.Background()
	db, err := Open(path, Options{})
	must(t, err)
	// Bounded so an orphaned child ends by itself.
	for i := 1; i <= 3000; i++ {
		key := fmt.Sprintf("crash:%d", i)
		if _, err := db.Credit(ctx, conversations.Entry{ProviderID: "P1", Kind: conversations.EntryAdjustment, Coins: 7, Key: key, At: t0}); err != nil {
			t.Fatal(err)
		}
		fmt.Println("committed credit", key)
		c, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", Reason: policy.ReasonInvalidLead, LeadIDs: []string{leadOf(1, i)}, At: t0})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
			By: "U1", At: t0, Leads: map[string]policy.LeadDecision{leadOf(1, i): policy.LeadApproved}}); err != nil {
			t.Fatal(err)
		}
		fmt.Println("committed case", c.ID)
	}
}
