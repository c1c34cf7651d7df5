package slack

import (
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// An appeal's card is titled with the case it appeals, carries the
// original's history and links to its card; a withdrawn case says so and
// has no buttons. The appeal card passes the fake Slack's Block Kit checks.
func TestAppealAndWithdrawnCards(t *testing.T) {
	orig := smallCase()
	orig.State, orig.RejectReason, orig.CardChannel, orig.CardTS = policy.StateRejected, "insufficient_evidence", "C0CASES", "1712345678.000100"
	orig.History = append(orig.History, conversations.Transition{From: policy.StateOpen, To: policy.StateRejected, By: "U1", At: testNow, Note: "no log"})
	c := smallCase()
	c.ID, c.Seq, c.AppealOf = "RF-13", 13, orig.ID
	info := smallInfo()
	info.Appeal, info.OriginalURL = conversations.AppealSection(orig, testNow.Location()), CardURL(orig.CardChannel, orig.CardTS)
	blocks, _ := RenderCard(c, info)
	postable(t, blocks)
	raw := rawJSON(t, blocks)
	for _, want := range []string{
		"RF-13 · Appeal of RF-12 · 350 coins",
		"*Appeal of RF-12.* Its history:",
		"Rejected · <@U1> · Insufficient evidence · no log",
		"<https://slack.com/archives/C0CASES/p1712345678000100|Original card of RF-12>",
		`"approve_all"`,
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("appeal card lacks %q:\n%s", want, raw)
		}
	}

	w := smallCase()
	w.State = policy.StateWithdrawn
	w.History = append(w.History, conversations.Transition{From: policy.StateOpen, To: policy.StateWithdrawn, By: "P-1001", At: testNow})
	blocks, _ = RenderCard(w, smallInfo())
	raw = rawJSON(t, blocks)
	if strings.Contains(raw, `"actions"`) || !strings.Contains(raw, "*Withdrawn by the provider* on 2 Mar at 14:05 · no coins moved") {
		t.Errorf("withdrawn card: %s", raw)
	}
}
