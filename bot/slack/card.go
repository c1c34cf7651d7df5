package slack

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// Finding is one automatic check shown on the card.
type Finding struct {
	Level string // "ok", "info", "warn" or "block"
	Text  string // plain text; escaped by the renderer
}

// CardInfo is what the card shows beyond the Case. Every string in it is
// plain text: the renderer escapes it for mrkdwn.
type CardInfo struct {
	ProviderName string
	ProviderID   string
	// Phone is the provider's number as conversations masked it
	// (CaseView.MaskedPhone); the raw number never reaches Slack.
	Phone       string
	LinkedSince time.Time
	ReasonLabel string            // the reason's label; the code when empty
	AnswerLabel map[string]string // question ID → short label
	RejectLabel string            // label of Case.RejectReason
	Findings    []Finding
	// History of the provider before this case.
	Cases30, Refunds30, Cases90, Refunds90 int
	RefundRate                             float64 // 0..1
	// ApprovalsNeeded is 2 over the policy's coin threshold, else 1.
	ApprovalsNeeded int
	// Location formats dates; default UTC.
	Location *time.Location
	// Appeal is the section of an appeal's card (finished mrkdwn: the
	// original's history), and OriginalURL the original card's address.
	Appeal      string
	OriginalURL string
	// Similar is set when other open cases share the case's reason and
	// detail or a lead: only then does the card offer "Decide similar…".
	Similar bool
}

// Card layout limits: Slack allows 50 blocks and 3,000 characters a
// section; the card keeps well inside and moves the rest to the thread.
const (
	maxSectionChars = 3000
	maxLeadSections = 3
	maxAnswerChars  = 500
	maxOverflowText = 3000
	packLimit       = maxSectionChars - 60
	// The provider's account is quoted on the card up to these.
	accountLines = 4
	accountChars = 400
)

// RenderCard renders the case card: header, provider, reason and answers,
// leads table, evidence, findings, history, status and approvals, the
// decision, and the buttons while the case is not final. It returns the
// blocks and the overflow texts to post in the card's thread (leads and
// answers that did not fit), already escaped. It is pure.
func RenderCard(c conversations.Case, info CardInfo) ([]slackapi.Block, []string) {
	loc := info.Location
	if loc == nil {
		loc = time.UTC
	}
	var overflow []string
	title := say(policy.KeyCardTitle, "case", c.ID, "coins", coins(c.TotalCoins()))
	if c.AppealOf != "" {
		// The case ID stays first: tools read the card's case from it.
		title = say(policy.KeyCardTitleAppeal, "case", c.ID, "appeal", c.AppealOf, "coins", coins(c.TotalCoins()))
	}
	blocks := []slackapi.Block{
		slackapi.NewHeaderBlock(plain(title), slackapi.HeaderBlockOptionBlockID("header")),
		section("provider", providerLine(info, loc)),
	}
	if c.AppealOf != "" {
		blocks = append(blocks, section("appeal", appealText(c, info)))
	}
	reason, more := reasonText(c, info)
	blocks = append(blocks, section("reason", reason))
	overflow = append(overflow, more...)

	leadSections, rest := leadsTable(c, loc)
	for i, text := range leadSections {
		blocks = append(blocks, section(fmt.Sprintf("leads_%d", i+1), text))
	}
	overflow = append(overflow, rest...)
	if ev := evidenceLine(c.Evidence); ev != "" {
		blocks = append(blocks, slackapi.NewContextBlock("evidence", mrkdwn(ev)))
	}
	// The start of the provider's own account, so an agent can decide
	// without opening the thread (the whole text is there).
	if q := conversations.AccountQuote(c.Evidence, accountLines, accountChars); q != "" {
		blocks = append(blocks, section("account", say(policy.KeyCardAccount, "quote", q)))
	}
	if len(info.Findings) > 0 {
		blocks = append(blocks, section("findings", findingsText(info.Findings)))
	}
	blocks = append(blocks, section("history", historyText(info)),
		slackapi.NewContextBlock("status", mrkdwn(statusText(c, info, loc))))
	if c.State.Final() {
		blocks = append(blocks, section("decision", decisionText(c, info, loc)))
	}
	if len(c.Failures) > 0 {
		blocks = append(blocks, slackapi.NewContextBlock("failures",
			mrkdwn(truncate(say(policy.KeyCardDeliveryProblems, "failures", escape(strings.Join(c.Failures, "; "))), maxSectionChars))))
	}
	if !c.State.Final() {
		blocks = append(blocks, buttons(c.ID, info.Similar))
	}
	return blocks, overflow
}

// CardText is the notification fallback text of the card.
func CardText(c conversations.Case) string {
	return say(policy.KeyCardFallback, "case", c.ID, "coins", coins(c.TotalCoins()), "state", stateLabel(c.State))
}

func section(id, text string) *slackapi.SectionBlock {
	return slackapi.NewSectionBlock(mrkdwn(truncate(text, maxSectionChars)), nil, nil, slackapi.SectionBlockOptionBlockID(id))
}

func providerLine(info CardInfo, loc *time.Location) string {
	name, id, phone := escape(info.ProviderName), escape(info.ProviderID), escape(info.Phone)
	if !info.LinkedSince.IsZero() {
		return say(policy.KeyCardProviderSince, "name", name, "provider_id", id, "phone", phone,
			"date", info.LinkedSince.In(loc).Format("2 Jan 2006"))
	}
	return say(policy.KeyCardProvider, "name", name, "provider_id", id, "phone", phone)
}

// reasonText is the reason and the answers; answers longer than
// maxAnswerChars are cut on the card and given whole in the thread.
func reasonText(c conversations.Case, info CardInfo) (string, []string) {
	label := info.ReasonLabel
	if label == "" {
		label = string(c.Reason)
	}
	var b strings.Builder
	b.WriteString(say(policy.KeyCardReason, "title", escape(label)))
	keys := answerOrder(c)
	var overflow []string
	for _, k := range keys {
		q := info.AnswerLabel[k]
		if q == "" {
			q = k
		}
		a := escape(c.Answers[k])
		if utf8.RuneCountInString(c.Answers[k]) > maxAnswerChars {
			overflow = append(overflow, chunk(say(policy.KeyCardAnswerFull, "label", escape(q), "answer", a))...)
			a = say(policy.KeyCardAnswerCut, "answer", escape(truncate(c.Answers[k], maxAnswerChars)))
		}
		b.WriteString("\n" + say(policy.KeyCardAnswerLine, "label", escape(q), "answer", a))
	}
	return b.String(), overflow
}

// answerOrder is the keys of c.Answers in the order the reason asks its
// questions (as the provider's summary shows them); keys the reason does
// not know come last, sorted.
func answerOrder(c conversations.Case) []string {
	keys := make([]string, 0, len(c.Answers))
	if r, ok := policy.ReasonByCode(c.Reason); ok {
		for _, q := range r.Questions {
			if _, ok := c.Answers[q.ID]; ok {
				keys = append(keys, q.ID)
			}
		}
	}
	var rest []string
	for k := range c.Answers {
		if !slices.Contains(keys, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

// leadsTable renders one line per lead, packed into at most
// maxLeadSections sections; the leads that do not fit go to the thread.
// Sections are packed to packLimit, leaving room for the "more" note.
func leadsTable(c conversations.Case, loc *time.Location) (sections, overflow []string) {
	head := say(policy.KeyCardLeads, "count", strconv.Itoa(len(c.Leads)))
	cur := head
	var rest []string
	for _, l := range c.Leads {
		line := leadLine(l, c.CreatedAt, loc)
		switch {
		case len(sections) == maxLeadSections:
			rest = append(rest, line)
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(line) > packLimit:
			sections = append(sections, cur)
			if len(sections) == maxLeadSections {
				rest = append(rest, line)
				cur = ""
			} else {
				cur = line
			}
		default:
			cur += "\n" + line
		}
	}
	if cur != "" {
		sections = append(sections, cur)
	}
	if len(rest) > 0 {
		overflow = chunk(say(policy.KeyCardMoreLeads, "case", escape(c.ID), "count", strconv.Itoa(len(rest)),
			"leads_lines", strings.Join(rest, "\n")))
		last := len(sections) - 1
		sections[last] += "\n" + say(policy.KeyCardMoreLeadsNote, "count", strconv.Itoa(len(rest)))
	}
	return sections, overflow
}

func leadLine(l conversations.CaseLead, created time.Time, loc *time.Location) string {
	mark := ""
	switch l.Decision {
	case policy.LeadApproved:
		mark = " · :white_check_mark:"
	case policy.LeadRejected:
		mark = " · :no_entry_sign:"
	}
	return fmt.Sprintf("`%s` · %s · *%s* · %s · %s%s", escape(l.LeadID), escape(l.Category), coins(l.Coins),
		l.UnlockedAt.In(loc).Format("2 Jan"), age(created.Sub(l.UnlockedAt)), mark)
}

// age is a short duration: 45m, 5h, 12d.
func age(d time.Duration) string {
	switch {
	case d < 0:
		return say(policy.KeyAgeAfterRequest)
	case d < time.Hour:
		return say(policy.KeyAgeMinutes, "count", strconv.Itoa(int(d.Minutes())))
	case d < 48*time.Hour:
		return say(policy.KeyAgeHours, "count", strconv.Itoa(int(d.Hours())))
	}
	return say(policy.KeyAgeDays, "count", strconv.Itoa(int(d.Hours()/24)))
}

// chunk splits text at line breaks into pieces of at most maxOverflowText.
func chunk(text string) []string {
	var out []string
	cur := ""
	for _, line := range strings.Split(text, "\n") {
		line = truncate(line, maxOverflowText)
		if cur != "" && utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(line) > maxOverflowText {
			out = append(out, cur)
			cur = ""
		}
		if cur != "" {
			cur += "\n"
		}
		cur += line
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
