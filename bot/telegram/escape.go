package telegram

import "strings"

// EscapeHTML escapes &, <, > and " so that s shows literally in a message
// sent in HTML parse mode. Renderers must escape every dynamic value
// (names, lead IDs, provider text); the dialogue's own renderer in
// conversations does the same.
func EscapeHTML(s string) string {
	if !strings.ContainsAny(s, `&<>"`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
