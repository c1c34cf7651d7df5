package conversations

import (
	"strings"
	"testing"
)

// FuzzParseCallback: button data is untrusted. Whatever arrives, a parse
// that succeeds gives a callback that encodes within Telegram's 64 bytes
// and parses back to itself; a parse that fails gives nothing.
func FuzzParseCallback(f *testing.F) {
	for _, s := range []string{"1a:reason:invalid_lead", "0:submit", "zz:lead:L-1:x", ":", "1:", "1::", "ZZ:A",
		"-1:x", "4294967295:x", "1y2p0ij32e8e7:x", strings.Repeat("9", 65), "a:b\x00c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		c, ok := ParseCallback(data)
		if !ok {
			if c != (Callback{}) {
				t.Errorf("failed parse of %q returned %+v", data, c)
			}
			return
		}
		s, ok := c.Encode()
		if !ok || len(s) > MaxCallbackData {
			t.Fatalf("%q parsed to %+v, which does not encode (%q, %v)", data, c, s, ok)
		}
		if back, ok := ParseCallback(s); !ok || back != c {
			t.Errorf("%q → %+v → %q → %+v, %v", data, c, s, back, ok)
		}
	})
}

// FuzzEscapes: the escapers of conversations leave no raw markup and
// round-trip through their entities.
func FuzzEscapes(f *testing.F) {
	for _, s := range []string{"", "a<b>c&d\"e", "<!channel>", "<http://evil|bank>", "&amp;lt;", "नमस्ते & <b>"} {
		f.Add(s)
	}
	unHTML := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&")
	unMrkdwn := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
	f.Fuzz(func(t *testing.T, s string) {
		h := EscapeHTML(s)
		if strings.ContainsAny(h, `<>"`) || unHTML.Replace(h) != s {
			t.Errorf("EscapeHTML(%q) = %q", s, h)
		}
		m := EscapeMrkdwn(s)
		if strings.ContainsAny(m, "<>") || unMrkdwn.Replace(m) != s {
			t.Errorf("EscapeMrkdwn(%q) = %q", s, m)
		}
	})
}
