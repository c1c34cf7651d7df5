package playground

import (
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
)

// The playground shows text written by the bot and, inside it, text typed
// by users (provider names, notes, questions). The page inserts only the
// HTML made here; everything else it shows as plain text. Both functions
// escape every character that means something in HTML and re-emit only a
// fixed set of attribute-free tags, so no input can smuggle markup.

// telegramTag maps a tag of Telegram's HTML parse mode to the tag shown
// ("" for tg-emoji, whose content shows alone); known is false for others.
func telegramTag(name string) (shown string, known bool) {
	switch name {
	case "b", "strong":
		return "b", true
	case "i", "em":
		return "i", true
	case "u", "ins":
		return "u", true
	case "s", "strike", "del":
		return "s", true
	case "code", "pre", "blockquote", "a", "span":
		return name, true
	case "tg-spoiler":
		return "span", true
	case "tg-emoji":
		return "", true
	}
	return "", false
}

// telegramHTML turns a bot message sent in Telegram's HTML parse mode into
// safe HTML: the tags of telegramTag without attributes (links keep an
// http(s) href), valid entities kept, every other '<', '&', '"' escaped,
// unclosed tags closed and stray end tags of known tags dropped. It reads
// the message with tgfake's reader of the parse mode.
func telegramHTML(s string) string {
	var b strings.Builder
	var open []string
	for i := 0; i < len(s); {
		t := tgfake.NextHTML(s, i)
		switch t.Kind {
		case tgfake.HTMLEndTag, tgfake.HTMLStartTag:
			shown, known := telegramTag(t.Tag)
			if !known {
				// Not a tag: its '<' is text, and the rest is read again.
				b.WriteString("&lt;")
				i++
				continue
			}
			if t.Kind == tgfake.HTMLEndTag {
				if len(open) > 0 && open[len(open)-1] == shown {
					open = open[:len(open)-1]
					if shown != "" {
						b.WriteString("</" + shown + ">")
					}
				}
				break
			}
			open = append(open, shown)
			switch shown {
			case "":
			case "a":
				b.WriteString(`<a` + linkAttrs(attrHref(t.Attrs)) + `>`)
			case "span":
				b.WriteString(`<span class="spoiler">`)
			default:
				b.WriteString("<" + shown + ">")
			}
		case tgfake.HTMLEntity:
			b.WriteString(t.Raw)
		case tgfake.HTMLUnclosed:
			b.WriteString("&lt;")
		case tgfake.HTMLBadEntity:
			b.WriteString("&amp;")
		default:
			// A command may start the text after a tag, not after a '<'
			// or '&' shown as text.
			afterText := i > 0 && (s[i-1] == '<' || s[i-1] == ';')
			if slices.ContainsFunc(open, func(tag string) bool { return tag == "a" || tag == "code" || tag == "pre" }) {
				b.WriteString(textHTML(t.Raw))
			} else {
				b.WriteString(commandsHTML(t.Raw, !afterText))
			}
		}
		i += len(t.Raw)
	}
	for j := len(open) - 1; j >= 0; j-- {
		if open[j] != "" {
			b.WriteString("</" + open[j] + ">")
		}
	}
	return b.String()
}

// botCommand finds a bot command in text as Telegram clients show one: a
// '/' at the start or after a space or an opening bracket, then 1-32
// letters, digits or '_'.
var botCommand = regexp.MustCompile(`(^|[\s(\[])(/[A-Za-z0-9_]{1,32})\b`)

// commandsHTML escapes text that holds no '<' or '&' and makes each bot
// command in it tappable, as Telegram does: the page sends the command
// when it is tapped. A command may open the text only when startOK. The
// command matched only [A-Za-z0-9_/], so it needs no escaping.
func commandsHTML(text string, startOK bool) string {
	var b strings.Builder
	last := 0
	for _, m := range botCommand.FindAllStringSubmatchIndex(text, -1) {
		if m[4] == 0 && !startOK {
			continue
		}
		b.WriteString(textHTML(text[last:m[4]]))
		b.WriteString(`<span class="cmd" role="button" tabindex="0">` + text[m[4]:m[5]] + `</span>`)
		last = m[5]
	}
	b.WriteString(textHTML(text[last:]))
	return b.String()
}

// textHTML escapes text that holds no '<' or '&'.
var textHTML = strings.NewReplacer(">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace

// attrHref reads href="..." from a tag's attributes.
func attrHref(attrs string) string {
	_, v, ok := strings.Cut(attrs, `href="`)
	if !ok {
		return ""
	}
	v, _, _ = strings.Cut(v, `"`)
	return html.UnescapeString(v)
}

// linkAttrs is the attributes of a link to url: only http and https links
// keep their target, opened in a new tab.
func linkAttrs(url string) string {
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return ""
	}
	return ` href="` + html.EscapeString(url) + `" target="_blank" rel="noopener noreferrer"`
}

// mrkdwnSpecial finds Slack's <...> references: <@U1>, <#C1>, <!here>,
// <url> and <url|label>.
var mrkdwnSpecial = regexp.MustCompile(`<([^<>]*)>`)

// mrkdwnStyles are Slack's inline styles, applied to escaped text.
var mrkdwnStyles = []struct {
	re  *regexp.Regexp
	tag string
}{
	{regexp.MustCompile("`([^`\n]+)`"), "code"},
	{regexp.MustCompile(`(^|[^\w*])\*([^*\n]+)\*`), "b"},
	{regexp.MustCompile(`(^|[^\w_])_([^_\n]+)_`), "i"},
	{regexp.MustCompile(`(^|[^\w~])~([^~\n]+)~`), "s"},
}

// emoji are the shortcodes refundbot's cards use.
var emoji = strings.NewReplacer(
	":white_check_mark:", "✅", ":warning:", "⚠️", ":no_entry:", "⛔", ":no_entry_sign:", "🚫",
	":information_source:", "ℹ️", ":paperclip:", "📎", ":x:", "❌", ":hourglass:", "⏳",
	":moneybag:", "💰", ":speech_balloon:", "💬", ":telephone_receiver:", "📞",
)

// mrkdwnHTML turns Slack mrkdwn into safe HTML. Text is escaped first;
// styles wrap already-escaped text; user mentions show as @name through
// userName; links keep only http(s) targets.
func mrkdwnHTML(s string, userName func(id string) string) string {
	var b strings.Builder
	last := 0
	for _, m := range mrkdwnSpecial.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(mrkdwnText(s[last:m[0]]))
		b.WriteString(mrkdwnRef(s[m[2]:m[3]], userName))
		last = m[1]
	}
	b.WriteString(mrkdwnText(s[last:]))
	return b.String()
}

// mrkdwnText escapes plain mrkdwn text and applies the inline styles.
func mrkdwnText(s string) string {
	out := html.EscapeString(html.UnescapeString(s))
	for _, st := range mrkdwnStyles {
		if st.tag == "code" {
			out = st.re.ReplaceAllString(out, "<code>$1</code>")
			continue
		}
		out = st.re.ReplaceAllString(out, "$1<"+st.tag+">$2</"+st.tag+">")
	}
	return emoji.Replace(out)
}

// mrkdwnRef renders the inside of one <...> reference.
func mrkdwnRef(ref string, userName func(id string) string) string {
	target, label, hasLabel := strings.Cut(ref, "|")
	switch {
	case strings.HasPrefix(target, "@"):
		name := userName(target[1:])
		if hasLabel {
			name = label
		}
		return `<span class="mention">@` + html.EscapeString(html.UnescapeString(name)) + `</span>`
	case strings.HasPrefix(target, "#"):
		return `<span class="mention">#` + html.EscapeString(html.UnescapeString(strings.TrimPrefix(target, "#"))) + `</span>`
	case strings.HasPrefix(target, "!"):
		return `<span class="mention">@` + html.EscapeString(strings.TrimPrefix(target, "!")) + `</span>`
	}
	url := html.UnescapeString(target)
	text := url
	if hasLabel {
		text = html.UnescapeString(label)
	}
	return `<a` + linkAttrs(url) + `>` + html.EscapeString(text) + `</a>`
}
