package slack

import (
	"fmt"
	"strconv"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// Modal callback IDs, block IDs and action IDs. The case ID travels in
// private_metadata; the Desk re-reads the case on submission.
const (
	leadsBlockPrefix = "leads_" // leads_1, leads_2...: ten checkboxes each
	leadsAction      = "leads"
	noteBlock        = "note"
	noteAction       = "note"
	reasonBlock      = "reason"
	reasonAction     = "reason"
	questionBlock    = "question"
	questionAction   = "question"

	maxCheckboxes  = 10   // Slack's limit per checkbox group
	maxNoteChars   = 1000 // note and question length
	maxOptionChars = 75
)

func plain(s string) *slackapi.TextBlockObject {
	return slackapi.NewTextBlockObject(slackapi.PlainTextType, s, false, false)
}

func mrkdwn(s string) *slackapi.TextBlockObject {
	return slackapi.NewTextBlockObject(slackapi.MarkdownType, s, false, false)
}

// modalFor builds the modal of a card button for case c.
func (a *Adapter) modalFor(action string, c conversations.Case) slackapi.ModalViewRequest {
	intro := slackapi.NewSectionBlock(mrkdwn(say(policy.KeyModalIntro,
		"case", escape(c.ID), "coins", coins(c.TotalCoins()), "count", strconv.Itoa(len(c.Leads)))), nil, nil)
	v := slackapi.ModalViewRequest{Type: slackapi.VTModal, CallbackID: action, PrivateMetadata: c.ID, Close: plain(say(policy.KeyModalClose))}
	var blocks []slackapi.Block
	switch action {
	case ActionApproveSome:
		v.Title, v.Submit = plain(say(policy.KeyModalApproveSomeTitle)), plain(say(policy.KeyModalSubmitApprove))
		blocks = append(blocks, intro)
		blocks = append(blocks, leadCheckboxes(c)...)
		blocks = append(blocks, noteInput(say(policy.KeyModalRefusedReasonLabel), true))
	case ActionReject:
		v.Title, v.Submit = plain(say(policy.KeyModalRejectTitle)), plain(say(policy.KeyModalSubmitReject))
		var opts []*slackapi.OptionBlockObject
		for _, r := range a.opts.RejectReasons {
			opts = append(opts, slackapi.NewOptionBlockObject(r.Code, plain(truncate(r.Label, maxOptionChars)), nil))
		}
		sel := slackapi.NewOptionsSelectBlockElement(slackapi.OptTypeStatic, plain(say(policy.KeyModalReasonHint)), reasonAction, opts...)
		blocks = append(blocks, intro,
			slackapi.NewInputBlock(reasonBlock, plain(say(policy.KeyModalReasonLabel)), nil, sel),
			noteInput(say(policy.KeyModalNoteLabel), true))
	case ActionAsk:
		v.Title, v.Submit = plain(say(policy.KeyModalAskTitle)), plain(say(policy.KeyModalSubmitAsk))
		in := slackapi.NewPlainTextInputBlockElement(plain(say(policy.KeyModalQuestionPlaceholder)), questionAction).
			WithMultiline(true).WithMaxLength(maxNoteChars)
		blocks = append(blocks, intro,
			slackapi.NewInputBlock(questionBlock, plain(say(policy.KeyModalQuestionLabel)), plain(say(policy.KeyModalQuestionHint)), in))
	}
	v.Blocks = slackapi.Blocks{BlockSet: blocks}
	return v
}

// leadCheckboxes offers the leads still undecided (all of them in a
// pending second approval), ten per group as Slack allows.
func leadCheckboxes(c conversations.Case) []slackapi.Block {
	var opts []*slackapi.OptionBlockObject
	for _, l := range c.Leads {
		if l.Decision == policy.LeadRejected {
			continue
		}
		label := say(policy.KeyModalLeadOption, "lead", l.LeadID, "coins", coins(l.Coins), "category", l.Category)
		opts = append(opts, slackapi.NewOptionBlockObject(l.LeadID, plain(truncate(label, maxOptionChars)), nil))
	}
	var blocks []slackapi.Block
	for i := 0; i < len(opts); i += maxCheckboxes {
		group := opts[i:min(i+maxCheckboxes, len(opts))]
		label := say(policy.KeyModalLeadsLabel)
		if len(opts) > maxCheckboxes {
			label = say(policy.KeyModalLeadsRange, "from", strconv.Itoa(i+1), "to", strconv.Itoa(i+len(group)))
		}
		in := slackapi.NewInputBlock(fmt.Sprintf("%s%d", leadsBlockPrefix, i/maxCheckboxes+1), plain(label), nil,
			slackapi.NewCheckboxGroupsBlockElement(leadsAction, group...))
		blocks = append(blocks, in.WithOptional(i > 0 || len(opts) > maxCheckboxes))
	}
	return blocks
}

func noteInput(label string, optional bool) slackapi.Block {
	el := slackapi.NewPlainTextInputBlockElement(nil, noteAction).WithMultiline(true).WithMaxLength(maxNoteChars)
	return slackapi.NewInputBlock(noteBlock, plain(label), nil, el).WithOptional(optional)
}

// truncate cuts s to at most n characters, with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
