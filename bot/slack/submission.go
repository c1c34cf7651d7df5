package slack

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/policy"
)

// submitView validates a modal submission and calls the Desk. Invalid
// input, a refused agent or a Desk refusal come back as response_action
// "errors" on the modal's input blocks (the modal stays open); success
// returns nil, an empty 200 that closes the modal.
func (a *Adapter) submitView(ctx context.Context, ic slackapi.InteractionCallback) *slackapi.ViewSubmissionResponse {
	caseID, user := ic.View.PrivateMetadata, ic.User.ID
	log := a.log.With("case_id", caseID, "user", user, "modal", ic.View.CallbackID)
	var values map[string]map[string]slackapi.BlockAction
	if ic.View.State != nil {
		values = ic.View.State.Values
	}
	first := firstInput(ic.View)
	if first == "" {
		log.Warn("slack submission of an unknown view")
		return nil
	}
	if !a.isApprover(user) {
		log.Info("slack submission refused: not an approver")
		return fail(first, say(policy.KeyEphNotApprover))
	}
	note := strings.TrimSpace(values[noteBlock][noteAction].Value)
	if utf8.RuneCountInString(note) > maxNoteChars {
		return fail(noteBlock, say(policy.KeyEphNoteTooLong, "max", strconv.Itoa(maxNoteChars)))
	}
	var err error
	switch ic.View.CallbackID {
	case ActionDecideSimilar:
		return a.submitSimilar(ctx, ic, values)
	case ActionApproveSome:
		leads := selectedLeads(values)
		if len(leads) == 0 {
			return fail(first, say(policy.KeyEphNoLeadsChosen))
		}
		_, err = a.opts.Desk.ApproveSome(ctx, caseID, user, leads, note, a.now())
	case ActionReject:
		code := values[reasonBlock][reasonAction].SelectedOption.Value
		if !slices.ContainsFunc(a.opts.RejectReasons, func(r RejectReason) bool { return r.Code == code }) {
			return fail(reasonBlock, say(policy.KeyEphNoReason))
		}
		_, err = a.opts.Desk.Reject(ctx, caseID, user, code, note, a.now())
	case ActionAsk:
		q := strings.TrimSpace(values[questionBlock][questionAction].Value)
		switch {
		case q == "":
			return fail(questionBlock, say(policy.KeyEphQuestionEmpty))
		case utf8.RuneCountInString(q) > maxNoteChars:
			return fail(questionBlock, say(policy.KeyEphNoteTooLong, "max", strconv.Itoa(maxNoteChars)))
		}
		_, err = a.opts.Desk.Ask(ctx, caseID, user, q, a.now())
	default:
		log.Warn("slack submission of an unknown view")
		return nil
	}
	if err != nil {
		return fail(first, a.explain(log, err))
	}
	log.Info("slack modal submitted")
	return nil
}

func fail(blockID, msg string) *slackapi.ViewSubmissionResponse {
	return slackapi.NewErrorsViewSubmissionResponse(map[string]string{blockID: msg})
}

// firstInput is the block ID of the view's first input block, where
// errors that concern the whole form are shown.
func firstInput(v slackapi.View) string {
	for _, b := range v.Blocks.BlockSet {
		if in, ok := b.(*slackapi.InputBlock); ok {
			return in.BlockID
		}
	}
	return ""
}

// selectedLeads gathers the checked leads of every leads_<n> group,
// sorted and without duplicates.
func selectedLeads(values map[string]map[string]slackapi.BlockAction) []string {
	var leads []string
	for blockID, acts := range values {
		if !strings.HasPrefix(blockID, leadsBlockPrefix) {
			continue
		}
		for _, o := range acts[leadsAction].SelectedOptions {
			leads = append(leads, o.Value)
		}
	}
	sort.Strings(leads)
	return slices.Compact(leads)
}
