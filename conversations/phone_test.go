package conversations

import "testing"

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{
		"+919876543210": "+91 ••••• ••210",
		"+14155550123":  "+1 ••••• ••123",
		"9876543210":    "••••• ••210",
		"12345":         "•••",
		"":              "•••",
		"not a phone":   "•••",
	} {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}
