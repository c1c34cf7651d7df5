package load

import "testing"

// TestSessionsResumeAfterRestart puts 1,000 providers mid-conversation
// through the real engine, restarts the store, and checks every one is at
// its step and goes on from there. (`refundbot load --sessions 10000`
// runs the 10,000 of the target and reports the memory.)
func TestSessionsResumeAfterRestart(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	res, err := runSessions(t.Context(), t.TempDir(), n)
	if err != nil {
		t.Fatal(err)
	}
	if res.Resumed != n || res.Steps != n*4 {
		t.Fatalf("resumed %d of %d after %d steps, want %d steps", res.Resumed, n, res.Steps, n*4)
	}
}
