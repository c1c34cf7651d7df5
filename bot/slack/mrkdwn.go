package slack

import (
	"strconv"
	"strings"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// escape makes untrusted text safe inside mrkdwn, so that provider text
// such as "<!channel>" or "<http://evil|bank>" shows literally and cannot
// ping or disguise a link. It is the one mrkdwn escaper of the project.
func escape(s string) string { return conversations.EscapeMrkdwn(s) }

// say renders an agent text of the catalogue from alternating name, value
// pairs. Values go in as they are: the caller escapes raw values for
// mrkdwn (a plain_text object needs none).
func say(key policy.Key, nameValues ...string) string {
	return policy.Text(policy.LangEnglish, key, policy.Msg(key, nameValues...).Args)
}

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
