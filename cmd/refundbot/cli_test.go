package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// testEnv is a directory with a config whose database lives inside it.
type testEnv struct {
	t    *testing.T
	dir  string
	cfg  string
	vars map[string]string
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.yaml", strings.Join([]string{
		"storage:",
		"  path: " + filepath.Join(dir, "data", "refundbot.db"),
		"  backup_dir: " + filepath.Join(dir, "data", "backups"),
		"  evidence_dir: " + filepath.Join(dir, "data", "evidence"),
		"log: {level: warn}",
		"",
	}, "\n"))
	return &testEnv{t: t, dir: dir, cfg: cfg, vars: map[string]string{}}
}

func (e *testEnv) dbPath() string { return filepath.Join(e.dir, "data", "refundbot.db") }

// run runs the command line with --config appended last and returns what
// it printed and its exit code.
func (e *testEnv) run(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	return runArgs(e.t, e.vars, append(args, "--config", e.cfg)...)
}

func runArgs(t *testing.T, vars map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, envOf(vars), strings.NewReader(""), &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// mustRun fails the test unless the command exits 0.
func (e *testEnv) mustRun(args ...string) string {
	e.t.Helper()
	out, errs, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("refundbot %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func (e *testEnv) wallet(id string) walletJSON {
	e.t.Helper()
	var w walletJSON
	if err := json.Unmarshal([]byte(e.mustRun("wallet", "show", id, "--json")), &w); err != nil {
		e.t.Fatal(err)
	}
	return w
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		inStderr string
		inStdout string
	}{
		{args: nil, code: 2, inStderr: "no command given"},
		{args: []string{"frobnicate"}, code: 2, inStderr: `unknown command "frobnicate"`},
		{args: []string{"import", "leads", "x.csv"}, code: 2, inStderr: `unknown command "import leads" (want import providers or import unlocks)`},
		{args: []string{"wallet", "show"}, code: 2, inStderr: "usage: refundbot wallet show PROVIDER_ID"},
		{args: []string{"verify", "--json"}, code: 2, inStderr: "flag --json does not apply to verify"},
		{args: []string{"backup"}, code: 2, inStderr: "backup needs --out"},
		{args: []string{"check", "--colour"}, code: 2, inStderr: "unknown flag --colour"},
		{args: []string{"case", "show", "RF-1", "--config"}, code: 2, inStderr: "flag --config needs a value"},
		{args: []string{"help"}, code: 0, inStdout: "refundbot wallet show PROVIDER_ID [--json]"},
		{args: []string{"wallet", "-h"}, code: 0, inStdout: "usage: refundbot wallet show PROVIDER_ID [--json]"},
	} {
		out, errs, code := runArgs(t, nil, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.inStderr) || !strings.Contains(out, tc.inStdout) {
			t.Errorf("refundbot %q: exit %d, stdout %q, stderr %q; want exit %d with %q / %q",
				tc.args, code, out, errs, tc.code, tc.inStdout, tc.inStderr)
		}
	}
}

func TestParseArgsAnyOrder(t *testing.T) {
	for _, args := range [][]string{
		{"wallet", "show", "P-1", "--json", "--config", "x.yaml"},
		{"--config=x.yaml", "wallet", "--json", "show", "P-1"},
		{"-json", "wallet", "show", "--config", "x.yaml", "P-1"},
	} {
		inv, err := parseArgs(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if strings.Join(inv.words, " ") != "wallet show P-1" || inv.flags["config"] != "x.yaml" || !inv.configSet {
			t.Errorf("%q: words %q flags %v", args, inv.words, inv.flags)
		}
		if _, ok := inv.flags["json"]; !ok {
			t.Errorf("%q: --json lost", args)
		}
	}
}

func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.yaml", "slack:\n  channel: C0123456789\n  aprovers: [U0123456789]\ntelegram: {mode: pollin}\n")
	_, errs, code := runArgs(t, testSecrets(), "check", "--config", bad)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, errs)
	}
	for _, want := range []string{
		"bad.yaml:3: slack.aprovers: unknown key; did you mean \"slack.approvers\"?",
		"bad.yaml:4: telegram.mode: want polling or webhook, got \"pollin\"",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	// The misspelt key is the news; "approvers missing" would only repeat it.
	if strings.Contains(errs, "slack.approvers: list at least one") {
		t.Errorf("a misspelt key also raised a problem for the key it meant:\n%s", errs)
	}

	good := writeFile(t, dir, "good.yaml", readExample(t))
	out, errs, code := runArgs(t, testSecrets(), "--config", good, "check")
	if code != 0 || !strings.HasPrefix(out, "config OK") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	if !strings.Contains(out, "token set (from REFUNDBOT_TELEGRAM_TOKEN)") {
		t.Errorf("summary does not say where the token came from:\n%s", out)
	}
	for name, secret := range testSecrets() {
		if strings.Contains(out+errs, secret) {
			t.Errorf("check printed the secret of %s", name)
		}
	}

	// Without the secrets, check says what serve would need.
	_, errs, code = runArgs(t, nil, "check", "--config", good)
	if code != 1 || !strings.Contains(errs, "telegram.token: required to serve") || !strings.Contains(errs, "slack.signing_secret: required to serve") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
}
