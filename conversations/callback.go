package conversations

import (
	"strconv"
	"strings"
)

// MaxCallbackData is Telegram's limit on callback data, in bytes.
const MaxCallbackData = 64

// Callback is the decoded data of an inline button: the session nonce it
// was made for, an action and an optional argument. Data is an opaque
// reference into server-side state; it is never trusted beyond that.
type Callback struct {
	Nonce  uint32
	Action string
	Arg    string
}

// Encode renders c as "<nonce base36>:<action>[:<arg>]". It reports false
// when the result would exceed MaxCallbackData or a part holds a colon.
func (c Callback) Encode() (string, bool) {
	if c.Action == "" || strings.Contains(c.Action, ":") {
		return "", false
	}
	s := strconv.FormatUint(uint64(c.Nonce), 36) + ":" + c.Action
	if c.Arg != "" {
		s += ":" + c.Arg
	}
	return s, len(s) <= MaxCallbackData
}

// ParseCallback decodes callback data; ok is false for anything that was
// not made by Encode (a forged or corrupted button).
func ParseCallback(data string) (Callback, bool) {
	if data == "" || len(data) > MaxCallbackData {
		return Callback{}, false
	}
	nonce, rest, ok := strings.Cut(data, ":")
	if !ok {
		return Callback{}, false
	}
	n, err := strconv.ParseUint(nonce, 36, 32)
	if err != nil {
		return Callback{}, false
	}
	action, arg, _ := strings.Cut(rest, ":")
	if action == "" {
		return Callback{}, false
	}
	return Callback{Nonce: uint32(n), Action: action, Arg: arg}, true
}
