package conversations

import (
	"strings"
	"testing"
)

func TestCallbackRoundTrip(t *testing.T) {
	c := Callback{Nonce: 4294967295, Action: "reason", Arg: "non_responsive"}
	data, ok := c.Encode()
	if !ok {
		t.Fatalf("Encode(%+v) refused", c)
	}
	got, ok := ParseCallback(data)
	if !ok || got != c {
		t.Fatalf("ParseCallback(%q) = %+v, %v; want %+v", data, got, ok, c)
	}
	if _, ok := (Callback{Nonce: 1, Action: "x", Arg: strings.Repeat("a", 62)}).Encode(); ok {
		t.Error("Encode accepted data over 64 bytes")
	}
	if _, ok := (Callback{Nonce: 1, Action: "a:b"}).Encode(); ok {
		t.Error("Encode accepted an action with a colon")
	}
	for _, bad := range []string{"", "nocolon", "zzzzzzzzzzzz:x", ":x", "1:", strings.Repeat("1", 65)} {
		if _, ok := ParseCallback(bad); ok {
			t.Errorf("ParseCallback(%q) accepted forged data", bad)
		}
	}
}
