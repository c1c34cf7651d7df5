package storage

import (
	"errors"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
)

func TestNormalizePhone(t *testing.T) {
	for _, tc := range []struct {
		raw, region, want string
	}{
		{"+91 98765 43210", "IN", "+919876543210"},
		{"098765 43210", "IN", "+919876543210"},
		{"98765-43210", "", "+919876543210"},
		{"919876543210", "IN", "+919876543210"}, // Telegram contact without '+'
		{"+44 20 7946 0958", "IN", "+442079460958"},
		{"447911123456", "IN", "+447911123456"},
		{"020 7946 0958", "GB", "+442079460958"},
	} {
		got, err := NormalizePhone(tc.raw, tc.region)
		if err != nil || got != tc.want {
			t.Errorf("NormalizePhone(%q, %q) = %q, %v; want %q", tc.raw, tc.region, got, err, tc.want)
		}
	}
	for _, raw := range []string{"", "12345", "hello", "+91 1234", "0000000000"} {
		if got, err := NormalizePhone(raw, "IN"); !errors.Is(err, conversations.ErrInvalid) {
			t.Errorf("NormalizePhone(%q) = %q, %v; want ErrInvalid", raw, got, err)
		}
	}
}
