package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCLIGoldens runs command lines a newcomer or an operator types and
// compares what they print (both streams and the exit status) with
// testdata/cli/NAME.golden; go test -run TestCLIGoldens -update rewrites
// them for review as diffs. Each runs in its own directory holding the
// files the case names, so paths in the output are the ones typed.
func TestCLIGoldens(t *testing.T) {
	example := readExample(t)
	goldens, err := filepath.Abs(filepath.Join("testdata", "cli"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		files   map[string]string
		secrets bool
	}{
		{name: "help", args: []string{"help"}},
		{name: "help-load", args: []string{"help", "load"}},
		{name: "help-serve", args: []string{"serve", "--help"}},
		{name: "help-import", args: []string{"help", "import"}},
		{name: "help-wallet-show", args: []string{"wallet", "show", "-h"}},
		{name: "help-unknown", args: []string{"help", "nope"}},
		{name: "unknown-command", args: []string{"chek"}},
		{name: "unknown-subcommand", args: []string{"import", "provider", "p.csv"}},
		{name: "unknown-flag", args: []string{"wallet", "show", "P-1001", "--jsn"}},
		{name: "unknown-flag-elsewhere", args: []string{"check", "--jsn"}},
		{name: "check-yaml-syntax", args: []string{"check", "--config", "config.yaml"}, secrets: true,
			files: map[string]string{"config.yaml": "timezone: Asia/Kolkata\nslack:\n  channel: [C0123456789\n  aprovers: x\n"}},
		{name: "check-misspelt-key", args: []string{"check", "--config", "config.yaml"}, secrets: true,
			files: map[string]string{"config.yaml": "telegram: {mode: pollin}\nslack:\n  channel: C0ABCDEFGH1\n  aprovers: [U0ABCDEFGH1]\n  chanel: C0ABCDEFGH2\npolicy:\n  support_email: refunds@example.in\n  refund_window_days: 0\n"}},
		{name: "check-example", args: []string{"check"}, secrets: true, files: map[string]string{"config.yaml": example}},
		{name: "check-example-no-secrets", args: []string{"check"}, files: map[string]string{"config.yaml": example}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.files {
				writeFile(t, dir, name, body)
			}
			t.Chdir(dir)
			var vars map[string]string
			if tc.secrets {
				vars = testSecrets()
			}
			out, errs, code := runArgs(t, vars, tc.args...)
			got := fmt.Sprintf("$ refundbot %s\nexit %d\n-- stdout --\n%s-- stderr --\n%s", strings.Join(tc.args, " "), code, out, errs)
			golden(t, filepath.Join(goldens, tc.name+".golden"), got)
		})
	}
}

// TestHelpFlagIsHelpCommand: `COMMAND --help` prints what `help COMMAND`
// does, for every command, to stdout with exit status 0.
func TestHelpFlagIsHelpCommand(t *testing.T) {
	for _, c := range commands() {
		if c.run == nil {
			continue
		}
		viaHelp, errs, code := runArgs(t, nil, append([]string{"help"}, c.path...)...)
		if code != 0 || errs != "" {
			t.Fatalf("help %s: exit %d, stderr %q", strings.Join(c.path, " "), code, errs)
		}
		viaFlag, errs, code := runArgs(t, nil, append(c.path, "--help")...)
		if code != 0 || errs != "" || viaFlag != viaHelp && !strings.Contains(viaHelp, viaFlag) {
			t.Errorf("%s --help: exit %d, stderr %q\n%s\nwant the help of help %s:\n%s", strings.Join(c.path, " "), code, errs, viaFlag, strings.Join(c.path, " "), viaHelp)
		}
		if !strings.Contains(viaFlag, "usage: "+synopsis(c)) {
			t.Errorf("%s --help lacks its usage line:\n%s", strings.Join(c.path, " "), viaFlag)
		}
		for _, f := range c.flags {
			if spec, _ := flagSpecFor(f); spec.doc == "" || !strings.Contains(viaFlag, "--"+f) {
				t.Errorf("%s --help does not document --%s:\n%s", strings.Join(c.path, " "), f, viaFlag)
			}
		}
	}
}

func TestVersionCommand(t *testing.T) {
	line := regexp.MustCompile(`^refundbot \S+ \(\S+, go\S+\)\n$`)
	for _, args := range [][]string{{"version"}, {"--version"}, {"check", "--version"}} {
		out, errs, code := runArgs(t, nil, args...)
		if code != 0 || errs != "" || !line.MatchString(out) {
			t.Errorf("refundbot %s: exit %d, stdout %q, stderr %q; want one line like \"refundbot (devel) (unknown, go1.26.0)\"",
				strings.Join(args, " "), code, out, errs)
		}
	}
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *updateStories {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to write it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s--- want\n%s", path, got, want)
	}
}
