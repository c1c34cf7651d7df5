package slackfake

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Block Kit limits enforced by Slack (docs.slack.dev, Block Kit reference).
const (
	maxMessageBlocks   = 50
	maxModalBlocks     = 100
	maxMessageText     = 40000
	maxSectionText     = 3000
	maxSectionFields   = 10
	maxFieldText       = 2000
	maxHeaderText      = 150
	maxButtonText      = 75
	maxActionID        = 255
	maxBlockID         = 255
	maxButtonValue     = 2000
	maxActionsElements = 25
	maxContextElements = 10
	maxModalTitle      = 24
	maxPrivateMetadata = 3000
	maxCallbackID      = 255
	maxInputLabel      = 2000
	maxCheckboxOptions = 10
	maxSelectOptions   = 100
	maxOptionText      = 75
	maxOptionValue     = 150
)

// blockError is a Block Kit violation, reported as Slack does with the
// JSON pointer of the offending value.
type blockError struct {
	msg  string
	path string
}

func (e *blockError) Error() string { return fmt.Sprintf("%s [json-pointer:%s]", e.msg, e.path) }

func errAt(path, format string, args ...any) error {
	return &blockError{msg: fmt.Sprintf(format, args...), path: path}
}

// validateBlocks checks a blocks array for a message (maxBlocks 50) or a
// modal (100).
func validateBlocks(raw json.RawMessage, maxBlocks int) error {
	var blocks []map[string]any
	if err := json.Unmarshal(raw, &blocks); err != nil {
		return errAt("/blocks", "must be an array of objects")
	}
	if len(blocks) > maxBlocks {
		return errAt("/blocks", "must be less than %d items", maxBlocks+1)
	}
	seen := map[string]bool{}
	for i, b := range blocks {
		p := fmt.Sprintf("/blocks/%d", i)
		if id, ok := b["block_id"].(string); ok {
			if n := utf8.RuneCountInString(id); n == 0 || n > maxBlockID {
				return errAt(p+"/block_id", "must be 1 to %d characters", maxBlockID)
			}
			if seen[id] {
				return errAt(p+"/block_id", "must be unique: %q repeated", id)
			}
			seen[id] = true
		}
		if err := validateBlock(b, p); err != nil {
			return err
		}
	}
	return nil
}

func validateBlock(b map[string]any, p string) error {
	switch b["type"] {
	case "section":
		_, hasText := b["text"]
		fields, _ := b["fields"].([]any)
		if !hasText && len(fields) == 0 {
			return errAt(p, "must provide either text or fields")
		}
		if hasText {
			if err := textObject(b["text"], p+"/text", maxSectionText, ""); err != nil {
				return err
			}
		}
		if len(fields) > maxSectionFields {
			return errAt(p+"/fields", "must be less than %d items", maxSectionFields+1)
		}
		for i, f := range fields {
			if err := textObject(f, fmt.Sprintf("%s/fields/%d", p, i), maxFieldText, ""); err != nil {
				return err
			}
		}
		if acc, ok := b["accessory"]; ok {
			return element(acc, p+"/accessory")
		}
	case "header":
		return textObject(b["text"], p+"/text", maxHeaderText, "plain_text")
	case "divider":
	case "context":
		els, _ := b["elements"].([]any)
		if len(els) == 0 || len(els) > maxContextElements {
			return errAt(p+"/elements", "must have 1 to %d items", maxContextElements)
		}
		for i, e := range els {
			m, _ := e.(map[string]any)
			ep := fmt.Sprintf("%s/elements/%d", p, i)
			switch m["type"] {
			case "plain_text", "mrkdwn":
				if err := textObject(m, ep, maxSectionText, ""); err != nil {
					return err
				}
			case "image":
			default:
				return errAt(ep+"/type", "context elements must be text or image")
			}
		}
	case "actions":
		els, _ := b["elements"].([]any)
		if len(els) == 0 || len(els) > maxActionsElements {
			return errAt(p+"/elements", "must have 1 to %d items", maxActionsElements)
		}
		for i, e := range els {
			if err := element(e, fmt.Sprintf("%s/elements/%d", p, i)); err != nil {
				return err
			}
		}
	case "input":
		if err := textObject(b["label"], p+"/label", maxInputLabel, "plain_text"); err != nil {
			return err
		}
		if h, ok := b["hint"]; ok {
			if err := textObject(h, p+"/hint", maxInputLabel, "plain_text"); err != nil {
				return err
			}
		}
		el, ok := b["element"]
		if !ok {
			return errAt(p+"/element", "is required")
		}
		return element(el, p+"/element")
	case "image", "rich_text", "markdown", "file", "video", "table":
		// Accepted without deeper checks; the app does not use them.
	default:
		return errAt(p+"/type", "unsupported block type %v", b["type"])
	}
	return nil
}

// textObject checks a text object: its type (want "" allows both), and a
// length of 1..max characters.
func textObject(v any, p string, max int, want string) error {
	m, ok := v.(map[string]any)
	if !ok {
		return errAt(p, "must be a text object")
	}
	t, _ := m["type"].(string)
	if t != "plain_text" && t != "mrkdwn" {
		return errAt(p+"/type", "must be plain_text or mrkdwn")
	}
	if want != "" && t != want {
		return errAt(p+"/type", "must be %s", want)
	}
	s, _ := m["text"].(string)
	if n := utf8.RuneCountInString(s); n == 0 || n > max {
		return errAt(p+"/text", "must be 1 to %d characters, got %d", max, n)
	}
	return nil
}

func element(v any, p string) error {
	m, ok := v.(map[string]any)
	if !ok {
		return errAt(p, "must be an object")
	}
	if id, ok := m["action_id"].(string); ok && (id == "" || utf8.RuneCountInString(id) > maxActionID) {
		return errAt(p+"/action_id", "must be 1 to %d characters", maxActionID)
	}
	switch m["type"] {
	case "button":
		if err := textObject(m["text"], p+"/text", maxButtonText, "plain_text"); err != nil {
			return err
		}
		if val, ok := m["value"].(string); ok && utf8.RuneCountInString(val) > maxButtonValue {
			return errAt(p+"/value", "must be at most %d characters", maxButtonValue)
		}
		if st, ok := m["style"].(string); ok && st != "primary" && st != "danger" {
			return errAt(p+"/style", "must be primary or danger")
		}
	case "checkboxes":
		return options(m, p, maxCheckboxOptions)
	case "static_select":
		return options(m, p, maxSelectOptions)
	case "plain_text_input":
		if n, ok := m["max_length"].(float64); ok && (n < 1 || n > 3000) {
			return errAt(p+"/max_length", "must be 1 to 3000")
		}
	case "image", "overflow", "datepicker", "users_select", "conversations_select", "radio_buttons":
	default:
		return errAt(p+"/type", "unsupported element type %v", m["type"])
	}
	return nil
}

func options(m map[string]any, p string, max int) error {
	opts, _ := m["options"].([]any)
	if len(opts) == 0 || len(opts) > max {
		return errAt(p+"/options", "must have 1 to %d items", max)
	}
	for i, o := range opts {
		om, _ := o.(map[string]any)
		op := fmt.Sprintf("%s/options/%d", p, i)
		if err := textObject(om["text"], op+"/text", maxOptionText, ""); err != nil {
			return err
		}
		val, _ := om["value"].(string)
		if n := utf8.RuneCountInString(val); n == 0 || n > maxOptionValue {
			return errAt(op+"/value", "must be 1 to %d characters", maxOptionValue)
		}
	}
	return nil
}

// validateModal checks a modal view: its title, buttons, metadata and blocks.
func validateModal(view map[string]any) error {
	if view["type"] != "modal" {
		return errAt("/view/type", "must be modal")
	}
	if err := textObject(view["title"], "/view/title", maxModalTitle, "plain_text"); err != nil {
		return err
	}
	for _, k := range []string{"submit", "close"} {
		if v, ok := view[k]; ok && v != nil {
			if err := textObject(v, "/view/"+k, maxModalTitle, "plain_text"); err != nil {
				return err
			}
		}
	}
	if pm, _ := view["private_metadata"].(string); utf8.RuneCountInString(pm) > maxPrivateMetadata {
		return errAt("/view/private_metadata", "must be at most %d characters", maxPrivateMetadata)
	}
	if cb, _ := view["callback_id"].(string); utf8.RuneCountInString(cb) > maxCallbackID {
		return errAt("/view/callback_id", "must be at most %d characters", maxCallbackID)
	}
	raw, err := json.Marshal(view["blocks"])
	if err != nil {
		return errAt("/view/blocks", "must be an array")
	}
	if err := validateBlocks(raw, maxModalBlocks); err != nil {
		return err
	}
	blocks, _ := view["blocks"].([]any)
	for _, b := range blocks {
		if bm, _ := b.(map[string]any); bm["type"] == "input" && view["submit"] == nil {
			return errAt("/view/submit", "is required when the view has input blocks")
		}
	}
	return nil
}
