package storage

import (
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/rockerstop/refundbot/conversations"
)

// NormalizePhone returns raw in E.164 ("+919876543210"). A number without
// a country code is read in region ("IN" when empty): "+91 98765 43210",
// "098765 43210" and "98765 43210" all give the same result. Telegram
// contact numbers often lack the '+': when raw does not parse as a valid
// number of region, it is tried again as "+" followed by its digits, so
// "919876543210" works too. An invalid number is an error wrapping
// conversations.ErrInvalid.
func NormalizePhone(raw, region string) (string, error) {
	if region == "" {
		region = "IN"
	}
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fmt.Errorf("empty phone number: %w", conversations.ErrInvalid)
	}
	if n, err := phonenumbers.Parse(s, region); err == nil && phonenumbers.IsValidNumber(n) {
		return phonenumbers.Format(n, phonenumbers.E164), nil
	}
	if !strings.HasPrefix(s, "+") {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
		if digits != "" && digits[0] != '0' {
			if n, err := phonenumbers.Parse("+"+digits, region); err == nil && phonenumbers.IsValidNumber(n) {
				return phonenumbers.Format(n, phonenumbers.E164), nil
			}
		}
	}
	return "", fmt.Errorf("not a valid phone number: %w", conversations.ErrInvalid)
}
