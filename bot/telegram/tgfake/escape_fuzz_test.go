package tgfake

import (
	"testing"
	"unicode/utf8"

	"github.com/rockerstop/refundbot/conversations"
)

// FuzzEscapeHTML: any text escaped by the one HTML escaper
// (conversations.EscapeHTML, used by the dialogue renderer and the
// adapter) is accepted by Telegram's HTML parse mode, as this fake checks
// it, and shows exactly the original text.
func FuzzEscapeHTML(f *testing.F) {
	for _, s := range []string{"", "a<b>c", "<b>bold</b>", "&amp;", "&#0;", "1 < 2 & 3 > 2", `"quoted"`, "<tg-spoiler>", "नमस्ते <i>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Telegram refuses such text before parsing it
		}
		e := conversations.EscapeHTML(s)
		plain, err := parseHTML(e)
		if err != nil {
			t.Fatalf("EscapeHTML(%q) = %q, which Telegram refuses: %v", s, e, err)
		}
		if plain != s {
			t.Errorf("EscapeHTML(%q) shows %q", s, plain)
		}
	})
}
