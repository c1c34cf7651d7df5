package load

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestLoadWave runs a wave of three at the real limits: every row is
// reported and the fake Slack refused no call over its limits.
func TestLoadWave(t *testing.T) {
	var out bytes.Buffer
	if err := Run(t.Context(), &out, Options{Wave: 3, Duration: 2 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| wave: providers filing at once", "| 3, last submit", "last card in Slack after the last submit",
		"approve → card updated p50 / p99", "approve → provider told p50 / p99", "messages per case", "calls the fake refused over Slack's limits | "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.Contains(out.String(), "; 0 |\n") {
		t.Errorf("the fake Slack refused calls over its limits:\n%s", out.String())
	}
}
