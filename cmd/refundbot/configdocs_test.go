package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// A config file with a second YAML document is refused by check and by
// serve, naming the file and the line of the second document: yaml.v3's
// Unmarshal would read the first one only and drop the rest in silence.
func TestConfigSecondDocumentIsRefused(t *testing.T) {
	e := newTestEnv(t)
	base, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		line       int
	}{
		{"after the first", string(base) + "---\nslack: {channel: C1}\n", strings.Count(string(base), "\n") + 1},
		{"both marked", "---\n" + string(base) + "---\n# the second\nhttp: {listen: ':9'}\n", strings.Count(string(base), "\n") + 2},
		{"an empty second", string(base) + "---\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			writeFile(t, e.dir, "config.yaml", tc.text)
			if tc.line == 0 {
				// "---" with nothing after it is no document: still one.
				if _, errs, _ := e.run("check"); strings.Contains(errs, "second YAML document") {
					t.Errorf("check: %s", errs)
				}
				return
			}
			for _, cmd := range []string{"check", "serve"} {
				_, errs, code := e.run(cmd)
				want := e.cfg + ":" + strconv.Itoa(tc.line) + ": a second YAML document starts here"
				if code == 0 || !strings.Contains(errs, want) {
					t.Errorf("%s: exit %d, stderr lacks %q:\n%s", cmd, code, want, errs)
				}
			}
		})
	}
}

// The keys of #11 are checked by name: slack.agents holds Slack user IDs,
// once each; http.metrics_listen is host:port, not http.listen itself.
func TestConfigAgentsAndMetricsListen(t *testing.T) {
	got := strings.Join(problemsOf(t, "http: {listen: \"127.0.0.1:8080\", metrics_listen: \"9090\"}\n"+
		"slack:\n  agents: [U0123456789, kiran, U0123456789]\n", nil), "\n")
	for _, want := range []string{
		`config.yaml:1: http.metrics_listen: want host:port such as 127.0.0.1:9090`,
		`slack.agents: item 2: want a Slack user ID such as U0123456789, got "kiran"`,
		`slack.agents: item 3: U0123456789 is listed twice`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	got = strings.Join(problemsOf(t, "http: {listen: \"127.0.0.1:8080\", metrics_listen: \"127.0.0.1:8080\"}\n", nil), "\n")
	if !strings.Contains(got, "http.metrics_listen: is the same address as http.listen") {
		t.Errorf("same address not refused:\n%s", got)
	}
}
