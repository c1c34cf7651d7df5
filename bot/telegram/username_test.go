package telegram_test

import (
	"testing"
	"time"
)

// The adapter learns the bot's username from getMe once Telegram answers;
// until then it is unknown (the platform API answers 503 for links).
func TestUsernameFromGetMe(t *testing.T) {
	h := newHarness(t)
	h.tg.SetDown(true)
	a, _ := h.start(t)
	time.Sleep(300 * time.Millisecond)
	if got := a.Username(); got != "" {
		t.Fatalf("username %q while Telegram is down", got)
	}
	h.tg.SetDown(false)
	waitFor(t, "the username", func() bool { return a.Username() != "" })
	if got := a.Username(); got != "RefundBot" {
		t.Errorf("username %q, want the fake's RefundBot", got)
	}
	if h.tg.Calls("getMe") < 2 {
		t.Errorf("getMe called %d times, want a retry after the outage", h.tg.Calls("getMe"))
	}
}
