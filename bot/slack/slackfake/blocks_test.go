package slackfake_test

import (
	"strings"
	"testing"

	slackapi "github.com/slack-go/slack"
)

func TestBlockKitLimits(t *testing.T) {
	_, api := newFake(t, nil)
	txt := func(s string) *slackapi.TextBlockObject {
		return slackapi.NewTextBlockObject(slackapi.MarkdownType, s, false, false)
	}
	plain := func(s string) *slackapi.TextBlockObject {
		return slackapi.NewTextBlockObject(slackapi.PlainTextType, s, false, false)
	}
	many := func(n int) []slackapi.Block {
		var bs []slackapi.Block
		for range n {
			bs = append(bs, slackapi.NewDividerBlock())
		}
		return bs
	}
	var fields []*slackapi.TextBlockObject
	for range 11 {
		fields = append(fields, txt("f"))
	}
	var buttons []slackapi.BlockElement
	for i := range 26 {
		buttons = append(buttons, slackapi.NewButtonBlockElement("b"+string(rune('a'+i)), "v", plain("B")))
	}
	cases := []struct {
		name   string
		blocks []slackapi.Block
		ok     bool
	}{
		{"50 blocks", many(50), true},
		{"51 blocks", many(51), false},
		{"section 3000", []slackapi.Block{slackapi.NewSectionBlock(txt(strings.Repeat("a", 3000)), nil, nil)}, true},
		{"section 3001", []slackapi.Block{slackapi.NewSectionBlock(txt(strings.Repeat("a", 3001)), nil, nil)}, false},
		{"11 fields", []slackapi.Block{slackapi.NewSectionBlock(nil, fields, nil)}, false},
		{"header 151", []slackapi.Block{slackapi.NewHeaderBlock(plain(strings.Repeat("h", 151)))}, false},
		{"button text 76", []slackapi.Block{slackapi.NewActionBlock("", slackapi.NewButtonBlockElement("a", "v", plain(strings.Repeat("b", 76))))}, false},
		{"button value 2001", []slackapi.Block{slackapi.NewActionBlock("", slackapi.NewButtonBlockElement("a", strings.Repeat("v", 2001), plain("b")))}, false},
		{"26 actions", []slackapi.Block{slackapi.NewActionBlock("", buttons...)}, false},
		{"duplicate block_id", []slackapi.Block{slackapi.NewSectionBlock(txt("a"), nil, nil, slackapi.SectionBlockOptionBlockID("x")),
			slackapi.NewSectionBlock(txt("b"), nil, nil, slackapi.SectionBlockOptionBlockID("x"))}, false},
		{"empty text", []slackapi.Block{slackapi.NewSectionBlock(txt(""), nil, nil)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := api.PostMessage("C1", slackapi.MsgOptionBlocks(tc.blocks...))
			if tc.ok && err != nil {
				t.Fatalf("rejected: %v", err)
			}
			if !tc.ok && slackErr(t, err) != "invalid_blocks" {
				t.Fatalf("got %v, want invalid_blocks", err)
			}
		})
	}
	if _, _, err := api.PostMessage("C1", slackapi.MsgOptionText(strings.Repeat("x", 40001), false)); slackErr(t, err) != "msg_too_long" {
		t.Errorf("40001 chars: %v", err)
	}
}

func TestModalLimits(t *testing.T) {
	fake, api := newFake(t, nil)
	base := func() slackapi.ModalViewRequest {
		return slackapi.ModalViewRequest{Type: slackapi.VTModal,
			Title:  slackapi.NewTextBlockObject(slackapi.PlainTextType, "Ok", false, false),
			Submit: slackapi.NewTextBlockObject(slackapi.PlainTextType, "Send", false, false),
			Blocks: slackapi.Blocks{BlockSet: []slackapi.Block{slackapi.NewDividerBlock()}}}
	}
	long := base()
	long.Title.Text = strings.Repeat("t", 25)
	meta := base()
	meta.PrivateMetadata = strings.Repeat("m", 3001)
	var opts []*slackapi.OptionBlockObject
	for i := range 11 {
		opts = append(opts, slackapi.NewOptionBlockObject(string(rune('a'+i)), slackapi.NewTextBlockObject(slackapi.PlainTextType, "L", false, false), nil))
	}
	boxes := base()
	boxes.Blocks.BlockSet = []slackapi.Block{slackapi.NewInputBlock("leads", slackapi.NewTextBlockObject(slackapi.PlainTextType, "Leads", false, false), nil,
		slackapi.NewCheckboxGroupsBlockElement("pick", opts...))}
	for name, v := range map[string]slackapi.ModalViewRequest{"title 25": long, "metadata 3001": meta, "11 checkboxes": boxes} {
		if _, err := api.OpenView(fake.IssueTrigger("U1"), v); slackErr(t, err) != "invalid_arguments" {
			t.Errorf("%s: got %v, want invalid_arguments", name, err)
		}
	}
	if _, err := api.OpenView(fake.IssueTrigger("U1"), base()); err != nil {
		t.Errorf("valid modal refused: %v", err)
	}
}
