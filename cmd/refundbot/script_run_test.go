package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runScriptCmd runs `refundbot script run FILE...` (runScript directly:
// its line in the command table is the lead's).
func runScriptCmd(t *testing.T, files ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &cli{inv: invocation{words: append([]string{"script", "run"}, files...)}, stdout: &out, stderr: &errOut}
	err := runScript(t.Context(), c)
	return out.String() + errOut.String(), err
}

// TestScriptRunPasses runs the README's story as a support lead would and
// sees its transcript and PASS.
func TestScriptRunPasses(t *testing.T) {
	out, err := runScriptCmd(t, "testdata/stories/reason-invalid-lead.txtar")
	if err != nil {
		t.Fatalf("script run: %v\n%s", err, out)
	}
	for _, want := range []string{"== asha on Telegram", "Your case RF-1 is approved: 200 coins", "card: RF-1 · 200 coins", "PASS testdata/stories/reason-invalid-lead.txtar"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestScriptRunFailsReadably breaks a rule on purpose (a story that
// expects a second credit) and checks that the run fails, exits 1, and
// says which line failed and what the wallet really holds.
func TestScriptRunFailsReadably(t *testing.T) {
	src, err := os.ReadFile("testdata/stories/duplicate-click.txtar")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(src), "wallet asha is 1350", "wallet asha is 1550", 1)
	if broken == string(src) {
		t.Fatal("the duplicate-click story no longer checks the balance 1350")
	}
	path := filepath.Join(t.TempDir(), "double-credit.txtar")
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runScriptCmd(t, "testdata/stories/cash-refund.txtar", path)
	if !errors.Is(err, errReported) {
		t.Fatalf("script run of a broken story: err %v, want errReported (exit 1)\n%s", err, out)
	}
	for _, want := range []string{
		"PASS testdata/stories/cash-refund.txtar",
		"FAIL " + path,
		"wallet P-1001 is 1350, want 1550",
		"refund     +120  RF-1",
		"1 of 2 stories failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
