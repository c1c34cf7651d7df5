package conversations

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLeadIDs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"L-2001", []string{"L-2001"}},
		{"l-2001, L-2002\nl-2001  #L-2003;L-2004.", []string{"L-2001", "L-2002", "L-2003", "L-2004"}},
		{"  \n , ", nil},
		{"L-1\tL-2", []string{"L-1", "L-2"}},
	}
	for _, tt := range tests {
		if got := ParseLeadIDs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseLeadIDs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidLeadIDShape(t *testing.T) {
	for id, want := range map[string]bool{
		"L-2001": true, "LEAD_9": true, "": false, "L<b>": false,
		strings.Repeat("A", MaxLeadIDLen): true, strings.Repeat("A", MaxLeadIDLen+1): false, "लीड": false,
	} {
		if got := ValidLeadIDShape(id); got != want {
			t.Errorf("ValidLeadIDShape(%q) = %v, want %v", id, got, want)
		}
	}
}

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
