package playground

import (
	"encoding/json"
	"html"
	"strings"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
)

// The playground draws Slack messages and modals from their Block Kit
// JSON, as Slack would. The Go side reads the blocks into blockView, with
// every text already turned into safe HTML; the page only lays them out.

// blockView is one block as the page draws it.
type blockView struct {
	Type    string       `json:"type"` // header, section, context, actions, divider, image, input
	BlockID string       `json:"block_id,omitempty"`
	HTML    string       `json:"html,omitempty"`
	Fields  []string     `json:"fields,omitempty"`
	Buttons []buttonView `json:"buttons,omitempty"`
	Input   *inputView   `json:"input,omitempty"`
}

// buttonView is a button of an actions block or a section's accessory.
type buttonView struct {
	Action  string       `json:"action"`
	Text    string       `json:"text"`
	Style   string       `json:"style,omitempty"`
	Confirm *confirmView `json:"confirm,omitempty"`
}

// confirmView is a button's confirmation dialog; texts are plain.
type confirmView struct {
	Title   string `json:"title"`
	Text    string `json:"text"`
	Confirm string `json:"confirm"`
	Deny    string `json:"deny"`
}

// inputView is an input block of a modal.
type inputView struct {
	ActionID    string       `json:"action_id"`
	Kind        string       `json:"kind"` // text, select or checkboxes
	Label       string       `json:"label"`
	Hint        string       `json:"hint,omitempty"`
	Placeholder string       `json:"placeholder,omitempty"`
	Optional    bool         `json:"optional"`
	Multiline   bool         `json:"multiline"`
	MaxLength   int          `json:"max_length,omitempty"`
	Options     []optionView `json:"options,omitempty"`
}

type optionView struct {
	Value string `json:"value"`
	Text  string `json:"text"`
}

// blockRenderer renders Block Kit; userName names a Slack user for
// mentions.
type blockRenderer struct {
	userName func(id string) string
}

// textHTML renders a text object: mrkdwn through mrkdwnHTML, plain text
// escaped.
func (r blockRenderer) textHTML(t *slackfake.Text) string {
	if t == nil {
		return ""
	}
	if t.Type == "mrkdwn" {
		return mrkdwnHTML(t.Text, r.userName)
	}
	return html.EscapeString(t.Text)
}

// blocks renders a message's blocks, read by slackfake's Block Kit
// reader. Malformed JSON gives no blocks.
func (r blockRenderer) blocks(raw json.RawMessage) []blockView {
	in, err := slackfake.ReadBlocks(raw)
	if err != nil || len(raw) == 0 {
		return nil
	}
	return r.render(in)
}

// render renders blocks; unknown block types are skipped.
func (r blockRenderer) render(in []slackfake.Block) []blockView {
	out := make([]blockView, 0, len(in))
	for _, b := range in {
		v := blockView{Type: b.Type, BlockID: b.BlockID}
		switch b.Type {
		case "header":
			v.HTML = html.EscapeString(slackfake.PlainText(b.Text))
		case "section":
			v.HTML = r.textHTML(b.Text)
			for i := range b.Fields {
				v.Fields = append(v.Fields, r.textHTML(&b.Fields[i]))
			}
			for _, e := range b.Buttons() {
				v.Buttons = append(v.Buttons, button(e))
			}
		case "context":
			var parts []string
			for _, e := range b.Elements {
				if e.Type == "mrkdwn" || e.Type == "plain_text" {
					parts = append(parts, r.textHTML(&slackfake.Text{Type: e.Type, Text: e.Label()}))
				}
			}
			v.HTML = strings.Join(parts, " · ")
		case "actions":
			for _, e := range b.Buttons() {
				v.Buttons = append(v.Buttons, button(e))
			}
		case "divider":
		case "image":
			v.HTML = html.EscapeString(b.AltText)
		case "input":
			if b.Element == nil {
				continue
			}
			v.Input = input(b)
		default:
			continue
		}
		out = append(out, v)
	}
	return out
}

func button(e slackfake.Element) buttonView {
	bv := buttonView{Action: e.ActionID, Text: e.Label(), Style: e.Style}
	if c := e.Confirm; c != nil {
		bv.Confirm = &confirmView{Title: c.Title.Text, Text: c.Text.Text, Confirm: c.Confirm.Text, Deny: c.Deny.Text}
	}
	return bv
}

func input(b slackfake.Block) *inputView {
	e := b.Element
	in := &inputView{ActionID: e.ActionID, Label: slackfake.PlainText(b.Label), Hint: slackfake.PlainText(b.Hint),
		Placeholder: slackfake.PlainText(e.Placeholder), Optional: b.Optional, Multiline: e.Multiline, MaxLength: e.MaxLength}
	switch e.Type {
	case "plain_text_input":
		in.Kind = "text"
	case "static_select":
		in.Kind = "select"
	case "checkboxes":
		in.Kind = "checkboxes"
	default:
		in.Kind = e.Type
	}
	for _, o := range e.Options {
		in.Options = append(in.Options, optionView{Value: o.Value, Text: o.Text.Text})
	}
	return in
}

// modalView is an open Slack modal as the page draws it.
type modalView struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Submit string      `json:"submit"`
	Close  string      `json:"close"`
	Blocks []blockView `json:"blocks"`
}

// modal renders a view's JSON as Slack stores it.
func (r blockRenderer) modal(id string, raw json.RawMessage) modalView {
	v, _ := slackfake.ReadView(raw)
	m := modalView{ID: id, Title: slackfake.PlainText(v.Title), Submit: slackfake.PlainText(v.Submit),
		Close: slackfake.PlainText(v.Close), Blocks: r.render(v.Blocks)}
	if m.Submit == "" {
		m.Submit = "Submit"
	}
	if m.Close == "" {
		m.Close = "Cancel"
	}
	return m
}
