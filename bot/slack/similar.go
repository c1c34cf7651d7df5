package slack

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// ActionDecideSimilar opens "Decide similar…": from a card, or from a
// group of /refund queue. Its value is the case the others are like.
const ActionDecideSimilar = "decide_similar"

// Block and action IDs of the similar-cases modal: similar_1,
// similar_2...: ten checkboxes each, as Slack allows.
const (
	similarBlockPrefix = "similar_"
	similarAction      = "similar"

	// maxQueueGroups bounds the blocks of /refund queue's answer (Slack
	// allows 50 in a message); maxGroupIDs the case IDs named per group.
	maxQueueGroups = 40
	maxGroupIDs    = 5
)

// SimilarFinder lists a case with the open cases like it (same reason and
// detail, or a shared lead), each with its checks, the given case first.
// *conversations.DeskService implements it.
type SimilarFinder interface {
	SimilarCases(ctx context.Context, caseID string) ([]conversations.CaseView, error)
}

// openSimilar opens the similar-cases modal for caseID.
func (a *Adapter) openSimilar(ctx context.Context, ic slackapi.InteractionCallback, caseID string, to replyTo) {
	log := a.log.With("case_id", caseID, "user", ic.User.ID, "action", ActionDecideSimilar)
	if a.opts.Similar == nil {
		a.tell(ctx, to, say(policy.KeyEphSimilarOff))
		return
	}
	views, err := a.opts.Similar.SimilarCases(ctx, caseID)
	if err != nil {
		a.tell(ctx, to, a.explain(log, err))
		return
	}
	if len(views) == 0 || views[0].Case.State.Final() {
		c, err := a.opts.Cases.Case(ctx, caseID)
		if err != nil {
			a.tell(ctx, to, a.explain(log, err))
			return
		}
		a.tell(ctx, to, decidedText(a.decidedFromCase(c), a.opts.Location, a.now()))
		return
	}
	view := similarModal(views)
	if err := a.call(ctx, MethodViewsOpen, "", func() error {
		_, err := a.api.OpenViewContext(ctx, ic.TriggerID, view)
		return err
	}); err != nil {
		log.Error("slack open modal", "error", err)
		a.tell(ctx, to, say(policy.KeyEphFormFailed))
	}
}

// similarModal lists the open cases of views (the first is the one the
// agent started from), ten to a checkbox group, each with its provider
// (masked), coins and checks; a case is pre-selected only when every check
// is green. At most MaxSimilar cases: ten groups and an intro block.
func similarModal(views []conversations.CaseView) slackapi.ModalViewRequest {
	first := views[0].Case
	reason := string(first.Reason)
	if r, ok := policy.ReasonByCode(first.Reason); ok {
		reason = policy.Text(policy.LangEnglish, r.Title, nil)
	}
	if d := conversations.CaseDetail(first); d != "" {
		reason += " · " + d
	}
	intro := slackapi.NewSectionBlock(mrkdwn(say(policy.KeyModalSimilarIntro,
		"count", strconv.Itoa(len(views)), "case", escape(first.ID), "reason", escape(reason))), nil, nil)
	blocks := []slackapi.Block{intro}
	for i := 0; i < len(views); i += maxCheckboxes {
		group := views[i:min(i+maxCheckboxes, len(views))]
		var opts, green []*slackapi.OptionBlockObject
		for _, v := range group {
			label := say(policy.KeyModalSimilarOption, "case", v.Case.ID, "coins", coins(v.Case.TotalCoins()),
				"provider_id", v.Provider.ID, "phone", v.MaskedPhone)
			o := slackapi.NewOptionBlockObject(v.Case.ID, plain(truncate(label, maxOptionChars)), plain(truncate(checksLine(v.Findings), maxOptionChars)))
			opts = append(opts, o)
			if allGreen(v.Findings) {
				green = append(green, o)
			}
		}
		el := slackapi.NewCheckboxGroupsBlockElement(similarAction, opts...)
		if len(green) > 0 {
			el.InitialOptions = green
		}
		label := say(policy.KeyModalSimilarLabel, "from", strconv.Itoa(i+1), "to", strconv.Itoa(i+len(group)))
		blocks = append(blocks, slackapi.NewInputBlock(fmt.Sprintf("%s%d", similarBlockPrefix, i/maxCheckboxes+1), plain(label), nil, el).WithOptional(true))
	}
	return slackapi.ModalViewRequest{Type: slackapi.VTModal, CallbackID: ActionDecideSimilar, PrivateMetadata: first.ID,
		Title: plain(say(policy.KeyModalSimilarTitle)), Submit: plain(say(policy.KeyModalSimilarSubmit)),
		Close: plain(say(policy.KeyModalClose)), Blocks: slackapi.Blocks{BlockSet: blocks}}
}

func allGreen(fs []policy.Finding) bool {
	for _, f := range fs {
		if f.Level != policy.LevelPass {
			return false
		}
	}
	return true
}

// checksLine is a case's checks in one short line: all green, or its
// worst findings first.
func checksLine(fs []policy.Finding) string {
	if allGreen(fs) {
		return say(policy.KeyModalSimilarAllGreen)
	}
	var parts []string
	for _, lvl := range []policy.Level{policy.LevelFail, policy.LevelWarn} {
		for _, f := range fs {
			if f.Level == lvl {
				parts = append(parts, lvl.Icon()+" "+f.Message)
			}
		}
	}
	return strings.Join(parts, "; ")
}

// submitSimilar approves each selected case through the Desk on its own,
// exactly as its card's "Approve all": the same approver rules, a case
// over the threshold gets its first approval only, a case decided already
// is refused by the Desk and left as it is. The agent is told the count
// and each refusal; the modal closes.
func (a *Adapter) submitSimilar(ctx context.Context, ic slackapi.InteractionCallback, values map[string]map[string]slackapi.BlockAction) *slackapi.ViewSubmissionResponse {
	user := ic.User.ID
	log := a.log.With("case_id", ic.View.PrivateMetadata, "user", user, "modal", ActionDecideSimilar)
	var ids []string
	seen := map[string]bool{}
	for blockID, acts := range values {
		if !strings.HasPrefix(blockID, similarBlockPrefix) {
			continue
		}
		for _, o := range acts[similarAction].SelectedOptions {
			if caseIDPattern.MatchString(o.Value) && !seen[o.Value] {
				seen[o.Value] = true
				ids = append(ids, o.Value)
			}
		}
	}
	if len(ids) == 0 {
		return fail(firstInput(ic.View), say(policy.KeyModalSimilarNone))
	}
	done := 0
	var problems []string
	for _, id := range sortedCaseIDs(ids) {
		c, err := a.opts.Desk.ApproveAll(ctx, id, user, a.now())
		if err != nil {
			problems = append(problems, id+": "+a.explain(log.With("case_id", id), err))
			continue
		}
		done++
		if !c.State.Final() {
			problems = append(problems, say(policy.KeyEphSimilarSecond, "case", id, "approvals", approvalsLine(c, 2)))
		}
	}
	log.Info("slack similar cases decided", "selected", len(ids), "decided", done)
	lines := ""
	if len(problems) > 0 {
		lines = "\n• " + strings.Join(problems, "\n• ")
	}
	text := say(policy.KeyEphSimilarDone, "done", strconv.Itoa(done), "selected", strconv.Itoa(len(ids)), "problems", lines)
	a.tell(ctx, replyTo{channel: a.opts.Channel, user: user}, truncate(text, maxSectionChars))
	return nil
}

// sortedCaseIDs orders case IDs by their number, oldest first.
func sortedCaseIDs(ids []string) []string {
	num := func(id string) int64 { n, _ := strconv.ParseInt(strings.TrimPrefix(id, "RF-"), 10, 64); return n }
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(num(a), num(b)) })
	return out
}

// queueReply is /refund queue: the open cases by age and, for each group
// of open cases sharing reason and detail, a "Decide similar…" button.
func (a *Adapter) queueReply(ctx context.Context, text string) *slackapi.Msg {
	msg := &slackapi.Msg{ResponseType: slackapi.ResponseTypeEphemeral, Text: text}
	if a.opts.Lister == nil || a.opts.Similar == nil {
		return msg
	}
	open, err := a.opts.Lister.OpenCases(ctx)
	if err != nil {
		return msg
	}
	var groups [][]conversations.Case
	for _, c := range open {
		placed := false
		for i, g := range groups {
			if conversations.SameKind(g[0], c) {
				groups[i] = append(g, c)
				placed = true
				break
			}
		}
		if !placed {
			groups = append(groups, []conversations.Case{c})
		}
	}
	blocks := []slackapi.Block{slackapi.NewSectionBlock(mrkdwn(truncate(text, maxSectionChars)), nil, nil)}
	for _, g := range groups {
		if len(g) < 2 || len(blocks) >= maxQueueGroups {
			continue
		}
		var ids []string
		for _, c := range g[:min(len(g), maxGroupIDs)] {
			ids = append(ids, escape(c.ID))
		}
		if len(g) > maxGroupIDs {
			ids = append(ids, "…")
		}
		reason := string(g[0].Reason)
		if d := conversations.CaseDetail(g[0]); d != "" {
			reason += " · " + d
		}
		line := say(policy.KeyQueueSimilarGroup, "count", strconv.Itoa(len(g)), "reason", escape(reason), "cases", strings.Join(ids, ", "))
		btn := slackapi.NewButtonBlockElement(ActionDecideSimilar, g[0].ID, plain(say(policy.KeyBtnDecideSimilar)))
		blocks = append(blocks, slackapi.NewSectionBlock(mrkdwn(line), nil, slackapi.NewAccessory(btn)))
	}
	if len(blocks) > 1 {
		msg.Blocks = slackapi.Blocks{BlockSet: blocks}
	}
	return msg
}
