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

// maskPhone shows a phone number as "+91 ••••• ••210": the country code
// (for E.164 numbers of 11 or more digits, whatever precedes the last ten)
// and the last three digits. Anything that is not a phone number of at
// least six digits is masked entirely.
func maskPhone(phone string) string {
	var digits []byte
	for i := 0; i < len(phone); i++ {
		if c := phone[i]; c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	if len(digits) < 6 || len(digits) > 15 {
		return "•••"
	}
	cc, national := "", digits
	if strings.HasPrefix(strings.TrimSpace(phone), "+") && len(digits) > 10 {
		cc, national = string(digits[:len(digits)-10]), digits[len(digits)-10:]
	}
	var b strings.Builder
	if cc != "" {
		b.WriteString("+" + cc + " ")
	}
	for i := range national {
		if i == 5 {
			b.WriteByte(' ')
		}
		if i >= len(national)-3 {
			b.WriteByte(national[i])
		} else {
			b.WriteString("•")
		}
	}
	return b.String()
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
