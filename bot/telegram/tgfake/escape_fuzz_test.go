package tgfake

import (
	"testing"
	"unicode/utf8"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/conversations"
)

// FuzzEscapeHTML: any text escaped by either HTML escaper (the adapter's
// and the dialogue renderer's) is accepted by Telegram's HTML parse mode,
// as this fake checks it, and shows exactly the original text.
func FuzzEscapeHTML(f *testing.F) {
	for _, s := range []string{"", "a<b>c", "<b>bold</b>", "&amp;", "&#0;", "1 < 2 & 3 > 2", `"quoted"`, "<tg-spoiler>", "नमस्ते <i>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Telegram refuses such text before parsing it
		}
		for name, esc := range map[string]func(string) string{"telegram": telegram.EscapeHTML, "conversations": conversations.EscapeHTML} {
			e := esc(s)
			plain, err := parseHTML(e)
			if err != nil {
				t.Fatalf("%s.EscapeHTML(%q) = %q, which Telegram refuses: %v", name, s, e, err)
			}
			if plain != s {
				t.Errorf("%s.EscapeHTML(%q) shows %q", name, s, plain)
			}
		}
	})
}
