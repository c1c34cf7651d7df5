package conversations

import "strings"

// htmlEscaper escapes the characters that Telegram's HTML parse mode
// treats as markup: & < > and the double quote (inside attributes).
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// EscapeHTML escapes s for Telegram's HTML parse mode. Every dynamic value
// (a name, a lead ID, a provider's note) passes through it before it is
// put into a Reply's text.
func EscapeHTML(s string) string { return htmlEscaper.Replace(s) }

// mrkdwnEscaper escapes the three characters Slack's mrkdwn treats as
// control sequences, so provider text cannot mention @channel or forge a
// link.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeMrkdwn escapes s for Slack mrkdwn. Every raw value in an
// OutSlackThread text has passed through it; the Slack adapter posts the
// text as it is.
func EscapeMrkdwn(s string) string { return mrkdwnEscaper.Replace(s) }
