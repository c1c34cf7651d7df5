package policy

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Field rules: what a provider ID, a lead ID, a name and a category may
// hold, wherever they come from (a CSV import, the platform API, a
// provider's Telegram message). The edges call these pure functions once;
// storage checks the keys again as a last line of defence.

// Limits of the fields.
const (
	// MaxIDLen is the longest provider or lead ID (MaxLeadIDLen is the same).
	MaxIDLen = 32
	// MaxNameLen is the longest provider name, in characters.
	MaxNameLen = 200
	// MaxCategoryLen is the longest lead category, in characters.
	MaxCategoryLen = 64
)

// BadField says why a field's value is refused; Msg is a sentence for
// an operator that names the field.
type BadField struct {
	Field string
	Msg   string
}

func (e *BadField) Error() string { return e.Msg }

func fieldErr(field, format string, args ...any) *BadField {
	return &BadField{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// ValidID reports whether id follows the ID grammar of providers and
// leads: 1 to MaxIDLen ASCII letters, digits, '-' or '_'.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// CheckID checks an ID field (provider_id, lead_id) against ValidID and
// says which rule it breaks.
func CheckID(field, id string) *BadField {
	switch {
	case id == "":
		return fieldErr(field, "%s is empty", field)
	case len(id) > MaxIDLen:
		return fieldErr(field, "%s is longer than %d characters", field, MaxIDLen)
	}
	if err := CheckPlain(field, id); err != nil {
		return err
	}
	if !ValidID(id) {
		return fieldErr(field, "%s %q may hold only letters, digits, - and _", field, id)
	}
	return nil
}

// CheckPlain checks any text field: valid UTF-8 and no control characters
// (a tab or a new line included). It does not quote the value when it is
// not UTF-8, so the message itself stays valid UTF-8.
func CheckPlain(field, s string) *BadField {
	if !utf8.ValidString(s) {
		return fieldErr(field, "%s is not valid UTF-8 (save the file as UTF-8)", field)
	}
	for i, r := range s {
		if unicode.IsControl(r) {
			return fieldErr(field, "%s has a control character (%U) at byte %d", field, r, i)
		}
	}
	return nil
}

// CheckName checks a provider's name: non-empty text of at most MaxNameLen
// characters.
func CheckName(field, s string) *BadField {
	return checkBounded(field, s, MaxNameLen, false)
}

// CheckCategory checks a lead's category: text of at most MaxCategoryLen
// characters, empty allowed.
func CheckCategory(field, s string) *BadField {
	return checkBounded(field, s, MaxCategoryLen, true)
}

func checkBounded(field, s string, max int, emptyOK bool) *BadField {
	// The length goes first: a 30 MB value is refused without a scan.
	if len(s) > max*utf8.UTFMax || utf8.RuneCountInString(s) > max {
		return fieldErr(field, "%s is longer than %d characters", field, max)
	}
	if err := CheckPlain(field, s); err != nil {
		return err
	}
	if s == "" && !emptyOK {
		return fieldErr(field, "%s is empty", field)
	}
	return nil
}
