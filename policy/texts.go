package policy

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Key names one sentence of the catalogue. Use the Key constants; a key's
// declared parameters are in its KeySpec (see Spec and Keys).
//
// Markup contract:
//   - Provider texts are sent in Telegram HTML parse mode. Catalogue strings
//     use only <b> and <i>; every other '<', '>' and '&' in a catalogue
//     string is forbidden (a test enforces it).
//   - Agent texts are Slack mrkdwn: *bold*, _italic_ and <@USER> mentions.
//   - Parameters are raw values: policy never escapes. The transport
//     escapes each raw value for its format before it is inserted (see
//     Message.Render). Parameters whose name ends in "_lines" or "_block"
//     carry catalogue text that was already rendered (raw values inside it
//     were escaped then); they are inserted as they are, never escaped again.
type Key string

// Audience says who reads a text: providers read en and hi, agents en.
type Audience int

const (
	// Provider texts go to Telegram, in the provider's language.
	Provider Audience = iota + 1
	// Agent texts go to Slack, in English.
	Agent
)

// Surface is where a text is shown; it fixes the text's length limit.
type Surface int

const (
	TGMessage        Surface = iota + 1 // Telegram message text: 4096
	TGButton                            // Telegram inline or reply button: kept to 64
	TGCallback                          // Telegram answerCallbackQuery text: 200
	TGCommand                           // Telegram command description: 256
	SlackSection                        // Block Kit section or context text: 3000
	SlackButton                         // Block Kit button or option text: 75
	SlackModalTitle                     // Block Kit modal title, submit, close: 24
	SlackHeader                         // Block Kit header text: 150
	SlackLabel                          // Block Kit input label: 2000
	SlackPlaceholder                    // Block Kit placeholder: 150
	SlackConfirmText                    // Block Kit confirmation dialog text: 300
)

// Limit is the surface's maximum length. Telegram counts UTF-16 code units,
// Slack counts characters; LengthOn measures the right one.
func (s Surface) Limit() int {
	switch s {
	case TGMessage:
		return 4096
	case TGButton:
		return 64
	case TGCallback:
		return 200
	case TGCommand:
		return 256
	case SlackSection:
		return 3000
	case SlackButton:
		return 75
	case SlackModalTitle:
		return 24
	case SlackHeader, SlackPlaceholder:
		return 150
	case SlackLabel:
		return 2000
	case SlackConfirmText:
		return 300
	}
	return 0
}

// LengthOn measures s as the surface counts it.
func (s Surface) LengthOn(text string) int {
	if s >= SlackSection {
		return utf8.RuneCountInString(text)
	}
	n := 0
	for _, r := range text {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// KeySpec declares a key: its audience, surface and parameters.
type KeySpec struct {
	Key      Key
	Audience Audience
	Surface  Surface
	Params   []string
}

// Sentence is one entry of the catalogue: a key's declaration and its
// texts, together. EN is the English text (Telegram HTML for a provider
// key, Slack mrkdwn for an agent key); HI is the Hindi text, for provider
// keys only. The catalogue tests check every sentence: placeholders are
// exactly Params in every language, markup suits the audience, and the
// rendered text fits the Surface (unless Cut).
type Sentence struct {
	Key      Key
	Audience Audience
	Surface  Surface
	Params   []string
	EN       string
	HI       string
	// Cut: the transport cuts the rendered text to the surface's limit
	// (with Truncate), so its values may be longer than would fit.
	Cut bool
}

// spec is the sentence's declaration, with its own copy of Params so the
// table stays immutable.
func (s *Sentence) spec() KeySpec {
	return KeySpec{Key: s.Key, Audience: s.Audience, Surface: s.Surface, Params: slices.Clone(s.Params)}
}

// Args are the raw parameter values of a text, by parameter name.
type Args map[string]string

// Message is a text to show later: a key and its raw arguments. Verdicts
// and refusals carry Messages so each transport renders them in its
// format and the reader's language.
type Message struct {
	Key  Key
	Args Args
}

// Msg builds a Message from alternating name, value pairs.
func Msg(key Key, nameValues ...string) Message {
	m := Message{Key: key}
	if len(nameValues) > 0 {
		m.Args = Args{}
		for i := 0; i+1 < len(nameValues); i += 2 {
			m.Args[nameValues[i]] = nameValues[i+1]
		}
	}
	return m
}

// Render returns m in lang, passing every raw argument (not "_lines" or
// "_block" ones) through escape first; escape may be nil for plain text.
func (m Message) Render(lang Lang, escape func(string) string) string {
	if escape == nil || len(m.Args) == 0 {
		return Text(lang, m.Key, m.Args)
	}
	esc := make(Args, len(m.Args))
	for k, v := range m.Args {
		if IsBlockParam(k) {
			esc[k] = v
		} else {
			esc[k] = escape(v)
		}
	}
	return Text(lang, m.Key, esc)
}

// IsBlockParam reports whether a parameter carries rendered catalogue text
// (its name ends in "_lines" or "_block") rather than a raw value.
func IsBlockParam(name string) bool {
	return strings.HasSuffix(name, "_lines") || strings.HasSuffix(name, "_block")
}

// Text renders key in lang with args inserted verbatim. It never fails:
// a Hindi text falls back to English, an unknown key renders as the key
// itself, and a missing argument stays visible as "{name}" so tests and
// reviewers can see it. Use Render for a strict check.
func Text(lang Lang, key Key, args Args) string {
	s, ok := raw(lang, key)
	if !ok {
		return string(key)
	}
	return fill(s, args)
}

// Render renders key like Text but fails on an unknown key, a missing
// argument or an argument the key does not declare. (A key's placeholders
// are exactly its declared Params in every language; a test holds that.)
func Render(lang Lang, key Key, args Args) (string, error) {
	s, ok := raw(lang, key)
	if !ok {
		return "", fmt.Errorf("render %q: unknown key", key)
	}
	declared := Placeholders(s)
	for _, p := range declared {
		if _, ok := args[p]; !ok {
			return "", fmt.Errorf("render %q: missing argument %q", key, p)
		}
	}
	names := make([]string, 0, len(args))
	for n := range args {
		if !slices.Contains(declared, n) {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		sort.Strings(names)
		return "", fmt.Errorf("render %q: undeclared argument %q", key, names[0])
	}
	return fill(s, args), nil
}

// raw is the catalogue string of key in lang, with the English fallback.
func raw(lang Lang, key Key) (string, bool) {
	s, ok := sentenceByKey[key]
	if !ok {
		return "", false
	}
	if lang == LangHindi && s.HI != "" {
		return s.HI, true
	}
	return s.EN, s.EN != ""
}

// fill replaces each {name} of s by args[name]; unknown names stay as they are.
func fill(s string, args Args) string {
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 64)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		name := s[i+1 : i+j]
		v, ok := args[name]
		b.WriteString(s[:i])
		if ok {
			b.WriteString(v)
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// Placeholders lists the {name} placeholders of s in order of appearance.
func Placeholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, s[i+1:i+j])
		s = s[i+j+1:]
	}
}

// Truncate shortens s to at most n characters, ending with "…" when cut.
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
