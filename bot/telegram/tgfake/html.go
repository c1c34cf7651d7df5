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

// parseHTML checks text the way Telegram's HTML parse mode does and returns
// the plain text a user sees: only Telegram's tags, properly nested and
// closed, span only with class="tg-spoiler", '&' only as &lt; &gt; &amp;
// &quot; or a numeric entity. A bare '>' is accepted, as Telegram does.
func parseHTML(s string) (string, error) {
	var out strings.Builder
	var stack []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := s[i+1 : i+end]
			if name, ok := strings.CutPrefix(tag, "/"); ok {
				name = strings.ToLower(strings.TrimSpace(name))
				if len(stack) == 0 {
					return "", fmt.Errorf("unexpected end tag at byte offset %d", i)
				}
				if top := stack[len(stack)-1]; name != top {
					return "", fmt.Errorf("unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top, name)
				}
				stack = stack[:len(stack)-1]
			} else {
				name, attrs, _ := strings.Cut(tag, " ")
				name = strings.ToLower(name)
				if !isTelegramTag(name) {
					return "", fmt.Errorf("unsupported start tag \"%s\" at byte offset %d", name, i)
				}
				if name == "span" && !strings.Contains(attrs, `class="tg-spoiler"`) {
					return "", fmt.Errorf("tag \"span\" must have class \"tg-spoiler\" at byte offset %d", i)
				}
				stack = append(stack, name)
			}
			i += end + 1
		case '&':
			r, n, err := htmlEntity(s[i:])
			if err != nil {
				return "", fmt.Errorf("%w at byte offset %d", err, i)
			}
			out.WriteRune(r)
			i += n
		default:
			out.WriteByte(s[i])
			i++
		}
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
