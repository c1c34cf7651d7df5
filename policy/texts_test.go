package policy

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// keyConstants parses the package's own source for every constant of type
// Key, so a key added without a KeySpec cannot hide.
func keyConstants(t *testing.T) map[Key]string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatalf("parse package: %v", err)
	}
	out := map[Key]string{}
	for _, f := range pkgs["policy"].Files {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Key" {
					continue
				}
				for i, name := range vs.Names {
					v, err := strconv.Unquote(vs.Values[i].(*ast.BasicLit).Value)
					if err != nil {
						t.Fatalf("%s: %v", name.Name, err)
					}
					out[Key(v)] = name.Name
				}
			}
		}
	}
	if len(out) < 100 {
		t.Fatalf("found only %d Key constants: parser filter broken?", len(out))
	}
	return out
}

func TestEveryKeyConstantIsDeclaredOnce(t *testing.T) {
	consts := keyConstants(t)
	seen := map[Key]bool{}
	for _, s := range Keys() {
		if seen[s.Key] {
			t.Errorf("key %q declared twice", s.Key)
		}
		seen[s.Key] = true
		if _, ok := consts[s.Key]; !ok {
			t.Errorf("spec %q has no constant", s.Key)
		}
		if s.Audience != Provider && s.Audience != Agent || s.Surface.Limit() == 0 {
			t.Errorf("key %q: bad audience or surface", s.Key)
		}
	}
	for k, name := range consts {
		if !seen[k] {
			t.Errorf("constant %s (%q) has no KeySpec", name, k)
		}
	}
}

func TestEveryKeyHasItsTexts(t *testing.T) {
	for _, s := range sentences {
		switch s.Audience {
		case Provider:
			if s.EN == "" || s.HI == "" {
				t.Errorf("provider key %q: en %t, hi %t", s.Key, s.EN != "", s.HI != "")
			}
		case Agent:
			if s.EN == "" || s.HI != "" {
				t.Errorf("agent key %q: en %t, hi %t (agents read English only)", s.Key, s.EN != "", s.HI != "")
			}
		}
		if got, ok := Spec(s.Key); !ok || got.Audience != s.Audience || got.Surface != s.Surface || !slices.Equal(got.Params, s.Params) {
			t.Errorf("Spec(%q) = %v, %t: not its sentence", s.Key, got, ok)
		}
	}
}

func TestPlaceholdersMatchDeclaredParams(t *testing.T) {
	for _, s := range Keys() {
		langs := map[string]string{"agent": agentText(s.Key)}
		if s.Audience == Provider {
			langs = map[string]string{"en": english(s.Key), "hi": hindi(s.Key)}
		}
		want := slices.Clone(s.Params)
		slices.Sort(want)
		for lang, text := range langs {
			got := slices.Compact(slices.Sorted(slices.Values(Placeholders(text))))
			if !slices.Equal(got, want) {
				t.Errorf("%s %q: placeholders %v, declared %v", lang, s.Key, got, want)
			}
		}
	}
}

var allowedTag = regexp.MustCompile(`</?[bi]>`)

func TestProviderMarkupIsTelegramSafe(t *testing.T) {
	for _, s := range Keys() {
		if s.Audience != Provider {
			continue
		}
		for lang, text := range map[string]string{"en": english(s.Key), "hi": hindi(s.Key)} {
			if strings.Count(text, "<b>") != strings.Count(text, "</b>") || strings.Count(text, "<i>") != strings.Count(text, "</i>") {
				t.Errorf("%s %q: unbalanced tags", lang, s.Key)
			}
			rest := allowedTag.ReplaceAllString(text, "")
			if strings.ContainsAny(rest, "<>&") {
				t.Errorf("%s %q: raw <, > or & outside <b>/<i>: %q", lang, s.Key, rest)
			}
			if s.Surface != TGMessage && allowedTag.MatchString(text) {
				t.Errorf("%s %q: markup on a button or callback text", lang, s.Key)
			}
		}
	}
}

func TestAgentMarkupIsSlackSafe(t *testing.T) {
	for _, s := range Keys() {
		if s.Audience != Agent {
			continue
		}
		rest := strings.ReplaceAll(agentText(s.Key), "<@{by}>", "")
		if strings.ContainsAny(rest, "<>&") {
			t.Errorf("%q: raw <, > or & besides <@{by}>: %q", s.Key, rest)
		}
	}
}

// latinAllowed are the words a Hindi text may keep in Latin script.
var latinAllowed = regexp.MustCompile(`\{[a-z_]+\}|/[a-z]+|Rockerstop|Telegram|English|PDF|JPG|PNG|WEBP|GIF|MB|ID|RF`)

func TestHindiIsDevanagari(t *testing.T) {
	for _, s := range Keys() {
		if s.Audience != Provider {
			continue
		}
		hi := hindi(s.Key)
		rest := latinAllowed.ReplaceAllString(allowedTag.ReplaceAllString(hi, ""), "")
		for _, r := range rest {
			if r < unicode.MaxASCII && unicode.IsLetter(r) {
				t.Errorf("hi %q: Latin letters outside names: %q", s.Key, rest)
				break
			}
		}
		hasDevanagari := strings.ContainsFunc(hi, func(r rune) bool { return unicode.Is(unicode.Devanagari, r) })
		if !hasDevanagari && !slices.Contains([]Key{KeyReasonIntro, KeySummaryAnswerLine, KeyBtnLangEnglish, KeyBalanceLine, KeyBalanceLineBare}, s.Key) {
			t.Errorf("hi %q has no Devanagari: %q", s.Key, hi)
		}
	}
}

func TestHelpNamesEveryCommand(t *testing.T) {
	for _, lang := range []Lang{LangEnglish, LangHindi} {
		help := Text(lang, KeyHelp, nil)
		for _, c := range Commands() {
			if !strings.Contains(help, "/"+c.Name+":") {
				t.Errorf("%s help does not describe /%s", lang, c.Name)
			}
		}
	}
}

func TestRenderIsStrict(t *testing.T) {
	if _, err := Render(LangEnglish, KeySubmitted, Args{}); err == nil {
		t.Error("missing argument not reported")
	}
	if _, err := Render(LangEnglish, KeySubmitted, Args{"case": "RF-1", "coins": "3"}); err == nil {
		t.Error("undeclared argument not reported")
	}
	if _, err := Render(LangEnglish, Key("no.such.key"), nil); err == nil {
		t.Error("unknown key not reported")
	}
	got, err := Render(LangHindi, KeySubmitted, Args{"case": "RF-12"})
	if err != nil || !strings.Contains(got, "<b>RF-12</b>") || !strings.Contains(got, "केस") {
		t.Errorf("Render(hi, submitted) = %q, %v", got, err)
	}
	if got := Text(LangEnglish, KeyLeadAccepted, Args{"lead": "L1"}); !strings.Contains(got, "{coins}") {
		t.Errorf("a missing argument must stay visible, got %q", got)
	}
}

func TestMessageRenderEscapesRawArgsOnly(t *testing.T) {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace
	m := Msg(KeyOutcomeRejected, "case", "RF-1", "reason", "a<b", "email", "x@y.in",
		"note_block", Text(LangEnglish, KeyOutcomeNote, Args{"note": esc("Tom & Jerry")}))
	got := m.Render(LangEnglish, esc)
	if !strings.Contains(got, "a&lt;b") || !strings.Contains(got, "<i>Tom &amp; Jerry</i>") {
		t.Errorf("Render = %q", got)
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 3, "abc"}, {"abcd", 3, "ab…"}, {"नमस्ते", 3, "नम…"}, {"x", 0, ""},
	}
	for _, tt := range tests {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func BenchmarkTextSummary(b *testing.B) {
	args := Args{"reason": "Invalid lead", "answers_lines": "What was wrong: <b>Duplicate lead</b>",
		"leads_lines": "• LD-1: 120 coins\n• LD-2: 80 coins", "count": "2", "total": "200", "evidence": "1"}
	for b.Loop() {
		_ = Text(LangHindi, KeySummary, args)
	}
}

func BenchmarkRenderStrict(b *testing.B) {
	args := Args{"lead": "LD-1", "coins": "120"}
	for b.Loop() {
		if _, err := Render(LangEnglish, KeyLeadAccepted, args); err != nil {
			b.Fatal(err)
		}
	}
}
