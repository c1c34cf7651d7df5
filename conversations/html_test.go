package conversations

import "testing"

func TestEscapeHTML(t *testing.T) {
	for in, want := range map[string]string{
		"plain":              "plain",
		`<b>"R&D"</b>`:       "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;",
		"₹500 & more":        "₹500 &amp; more",
		"already &amp; done": "already &amp;amp; done",
	} {
		if got := EscapeHTML(in); got != want {
			t.Errorf("EscapeHTML(%q) = %q, want %q", in, got, want)
		}
	}
}
