package conversations

import "strings"

// MaskPhone shows a phone number as "+91 ••••• ••210": the country code
// (for E.164 numbers of 11 or more digits, whatever precedes the last ten)
// and the last three digits. Anything that is not a phone number of at
// least six digits is masked entirely. It is the one masker: cards and
// every other place a phone reaches agents use it.
func MaskPhone(phone string) string {
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
