package slack

import (
	"strconv"
	"strings"
)

// mrkdwnEscaper escapes the three characters Slack's mrkdwn gives meaning
// to, so that provider text such as "<!channel>" or "<http://evil|bank>"
// shows literally and cannot ping or disguise a link.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape makes untrusted text safe inside mrkdwn.
func escape(s string) string { return mrkdwnEscaper.Replace(s) }

// coins formats a coin amount with thousands separators: 12,500.
func coins(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
