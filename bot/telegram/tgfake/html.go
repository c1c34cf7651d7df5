package tgfake

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// isTelegramTag reports whether name is a tag of Telegram's HTML parse mode.
func isTelegramTag(name string) bool {
	switch name {
	case "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
		"tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji":
		return true
	}
	return false
}

// The reader of Telegram's HTML parse mode: NextHTML cuts a text into
// tags, entities and runs of text. The fake checks bot messages with it
// (parseHTML, strictly, as Telegram does); the playground renders them
// with it (leniently, into safe HTML).

// HTMLKind is the kind of an HTMLToken.
type HTMLKind int

// Kinds of HTMLToken.
const (
	HTMLText      HTMLKind = iota // a run of text without '<' or '&'
	HTMLStartTag                  // <name attrs>
	HTMLEndTag                    // </name>
	HTMLEntity                    // &lt; &gt; &amp; &quot; or a numeric entity
	HTMLBadEntity                 // a '&' that starts no valid entity
	HTMLUnclosed                  // a '<' without a '>' after it
)

// HTMLToken is one piece of a text in Telegram's HTML parse mode.
type HTMLToken struct {
	Kind  HTMLKind
	Raw   string // the bytes of the token; "&" or "<" for the bad kinds
	Tag   string // a tag's name, lowercased
	Attrs string // a start tag's attributes, as written
	Known bool   // the tag is one of Telegram's
	Rune  rune   // an entity's character
	Err   error  // why a bad entity is bad
}

// NextHTML reads the token of s that starts at byte i (i < len(s)).
func NextHTML(s string, i int) HTMLToken {
	switch s[i] {
	case '<':
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			return HTMLToken{Kind: HTMLUnclosed, Raw: "<"}
		}
		tag := s[i+1 : i+end]
		t := HTMLToken{Kind: HTMLStartTag, Raw: s[i : i+end+1]}
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			t.Kind, t.Tag = HTMLEndTag, strings.ToLower(strings.TrimSpace(name))
		} else {
			name, attrs, _ := strings.Cut(tag, " ")
			t.Tag, t.Attrs = strings.ToLower(name), attrs
		}
		t.Known = isTelegramTag(t.Tag)
		return t
	case '&':
		r, n, err := htmlEntity(s[i:])
		if err != nil {
			return HTMLToken{Kind: HTMLBadEntity, Raw: "&", Err: err}
		}
		return HTMLToken{Kind: HTMLEntity, Raw: s[i : i+n], Rune: r}
	}
	end := strings.IndexAny(s[i:], "<&")
	if end < 0 {
		end = len(s) - i
	}
	return HTMLToken{Kind: HTMLText, Raw: s[i : i+end]}
}

// parseHTML checks text the way Telegram's HTML parse mode does and returns
// the plain text a user sees: only Telegram's tags, properly nested and
// closed, span only with class="tg-spoiler", '&' only as &lt; &gt; &amp;
// &quot; or a numeric entity. A bare '>' is accepted, as Telegram does.
func parseHTML(s string) (string, error) {
	var out strings.Builder
	var stack []string
	for i := 0; i < len(s); {
		t := NextHTML(s, i)
		switch t.Kind {
		case HTMLUnclosed:
			return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
		case HTMLEndTag:
			if len(stack) == 0 {
				return "", fmt.Errorf("unexpected end tag at byte offset %d", i)
			}
			if top := stack[len(stack)-1]; t.Tag != top {
				return "", fmt.Errorf("unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top, t.Tag)
			}
			stack = stack[:len(stack)-1]
		case HTMLStartTag:
			if !t.Known {
				return "", fmt.Errorf("unsupported start tag \"%s\" at byte offset %d", t.Tag, i)
			}
			if t.Tag == "span" && !strings.Contains(t.Attrs, `class="tg-spoiler"`) {
				return "", fmt.Errorf("tag \"span\" must have class \"tg-spoiler\" at byte offset %d", i)
			}
			stack = append(stack, t.Tag)
		case HTMLBadEntity:
			return "", fmt.Errorf("%w at byte offset %d", t.Err, i)
		case HTMLEntity:
			out.WriteRune(t.Rune)
		default:
			out.WriteString(t.Raw)
		}
		i += len(t.Raw)
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1])
	}
	return out.String(), nil
}

// htmlEntity decodes the entity at the start of s and returns its length.
func htmlEntity(s string) (rune, int, error) {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 12 {
		return 0, 0, fmt.Errorf("character '&' is reserved and must be escaped as &amp;")
	}
	name := s[1:semi]
	switch name {
	case "lt":
		return '<', semi + 1, nil
	case "gt":
		return '>', semi + 1, nil
	case "amp":
		return '&', semi + 1, nil
	case "quot":
		return '"', semi + 1, nil
	}
	if num, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
			num, base = hex, 16
		}
		n, err := strconv.ParseUint(num, base, 32)
		if err == nil && utf8.ValidRune(rune(n)) && n != 0 {
			return rune(n), semi + 1, nil
		}
	}
	return 0, 0, fmt.Errorf("unsupported HTML entity \"&%s;\"", name)
}

// plainText applies parseMode to text and checks Telegram's text limits.
func plainText(text, parseMode string) (string, *apiError) {
	if !utf8.ValidString(text) {
		return "", badRequest("text must be encoded in UTF-8")
	}
	plain := text
	switch strings.ToLower(parseMode) {
	case "":
	case "html":
		p, err := parseHTML(text)
		if err != nil {
			return "", badRequest("can't parse entities: %v", err)
		}
		plain = p
	default:
		// MarkdownV2 is not modelled; such texts are kept as sent.
	}
	if strings.TrimSpace(plain) == "" {
		return "", badRequest("message text is empty")
	}
	if utf8.RuneCountInString(plain) > 4096 {
		return "", badRequest("message is too long")
	}
	return plain, nil
}
