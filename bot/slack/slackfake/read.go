package slackfake

import (
	"encoding/json"
	"fmt"
)

// The reader of Block Kit: what the bot posted, read as Slack's client
// reads it. The fake's agents, the stories and the playground all read
// cards and modals through these types rather than through the adapter's
// Go types. The validator (blocks.go) reads the same JSON more strictly.

// Text is a Block Kit text object.
type Text struct {
	Type string `json:"type"` // plain_text or mrkdwn
	Text string `json:"text"`
}

// Option is an option of a select or of checkboxes.
type Option struct {
	Text  Text   `json:"text"`
	Value string `json:"value"`
}

// Confirm is a button's confirmation dialog.
type Confirm struct {
	Title, Text, Confirm, Deny Text
}

// Element is an interactive element (button, text input, select,
// checkboxes) or, inside a context block, a text object.
type Element struct {
	Type        string          `json:"type"`
	ActionID    string          `json:"action_id"`
	Text        json.RawMessage `json:"text"` // an object for buttons, a string for text objects
	Value       string          `json:"value"`
	Style       string          `json:"style"`
	Multiline   bool            `json:"multiline"`
	MaxLength   int             `json:"max_length"`
	Placeholder *Text           `json:"placeholder"`
	Options     []Option        `json:"options"`
	Confirm     *Confirm        `json:"confirm"`
	AltText     string          `json:"alt_text"`
}

// Label is the element's text: a button's label, or a text object's text.
func (e Element) Label() string {
	var t Text
	if json.Unmarshal(e.Text, &t) == nil {
		return t.Text
	}
	var s string
	_ = json.Unmarshal(e.Text, &s)
	return s
}

// Block is one block of a message or a view.
type Block struct {
	Type      string    `json:"type"`
	BlockID   string    `json:"block_id"`
	Text      *Text     `json:"text"`
	Fields    []Text    `json:"fields"`
	Elements  []Element `json:"elements"`
	Accessory *Element  `json:"accessory"`
	Label     *Text     `json:"label"`
	Hint      *Text     `json:"hint"`
	Element   *Element  `json:"element"`
	Optional  bool      `json:"optional"`
	AltText   string    `json:"alt_text"`
}

// Buttons lists the buttons of an actions block or a block's accessory.
func (b Block) Buttons() []Element {
	var out []Element
	for _, e := range b.Elements {
		if e.Type == "button" {
			out = append(out, e)
		}
	}
	if b.Accessory != nil && b.Accessory.Type == "button" {
		out = append(out, *b.Accessory)
	}
	return out
}

// ReadBlocks reads a blocks array as posted; an empty raw is no blocks.
func ReadBlocks(raw json.RawMessage) ([]Block, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var bs []Block
	if err := json.Unmarshal(raw, &bs); err != nil {
		return nil, fmt.Errorf("read blocks: %w", err)
	}
	return bs, nil
}

// ModalView is a modal's view as Slack stores it.
type ModalView struct {
	Title  *Text   `json:"title"`
	Submit *Text   `json:"submit"`
	Close  *Text   `json:"close"`
	Blocks []Block `json:"blocks"`
}

// ReadView reads a view's JSON.
func ReadView(raw json.RawMessage) (ModalView, error) {
	var v ModalView
	if err := json.Unmarshal(raw, &v); err != nil {
		return ModalView{}, fmt.Errorf("read the modal: %w", err)
	}
	return v, nil
}

// PlainText is a text object's text, "" for none.
func PlainText(t *Text) string {
	if t == nil {
		return ""
	}
	return t.Text
}
