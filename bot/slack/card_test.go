package slack

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func smallCase() conversations.Case {
	created := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	return conversations.Case{
		ID: "RF-12", Seq: 12, ProviderID: "P-1001", Reason: policy.ReasonNonResponsive, State: policy.StateOpen,
		Answers: map[string]string{"attempts": "4", "days": "3 days"},
		Leads: []conversations.CaseLead{
			{LeadID: "L-5001", Coins: 200, Category: "Plumbing", UnlockedAt: created.Add(-5 * 24 * time.Hour), Decision: policy.LeadPending},
			{LeadID: "L-5002", Coins: 150, Category: "Electrician", UnlockedAt: created.Add(-30 * time.Hour), Decision: policy.LeadPending},
		},
		Evidence:  []conversations.Evidence{{Kind: conversations.EvidencePhoto}, {Kind: conversations.EvidencePhoto}, {Kind: conversations.EvidenceText, Text: "called 4 times"}},
		CreatedAt: created, UpdatedAt: created,
		History: []conversations.Transition{{To: policy.StateOpen, By: "P-1001", At: created}},
	}
}

func smallInfo() CardInfo {
	return CardInfo{
		ProviderName: "Sharma Plumbing & Sons", ProviderID: "P-1001", Phone: conversations.MaskPhone("+919876543210"),
		LinkedSince: time.Date(2025, 11, 4, 0, 0, 0, 0, time.UTC), ReasonLabel: "Client not responding",
		AnswerLabel: map[string]string{"attempts": "Attempts", "days": "Over"},
		Findings:    []Finding{{Level: "ok", Text: "All leads inside the 30-day window"}, {Level: "warn", Text: "3 requests in 30 days"}},
		Cases30:     3, Refunds30: 1, Cases90: 5, Refunds90: 2, RefundRate: 0.12, ApprovalsNeeded: 1,
		Location: time.FixedZone("IST", 5*3600+1800),
	}
}

func bigCase(n int) conversations.Case {
	c := smallCase()
	c.ID, c.Leads = "RF-40", nil
	for i := range n {
		c.Leads = append(c.Leads, conversations.CaseLead{LeadID: fmt.Sprintf("L-%05d", 7000+i), Coins: int64(10 + i),
			Category: "Home cleaning services", UnlockedAt: c.CreatedAt.Add(-time.Duration(i+1) * 7 * time.Hour), Decision: policy.LeadPending})
	}
	return c
}

func golden(t *testing.T, name string, v any) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Errorf("%s differs from the golden file; run with -update and review the diff:\n%s", name, got)
	}
}

func TestCardGoldens(t *testing.T) {
	similar := smallInfo()
	similar.Similar = true
	for _, tc := range []struct {
		name string
		c    conversations.Case
		info CardInfo
	}{{"card_small.json", smallCase(), smallInfo()}, {"card_40_leads.json", bigCase(40), similar}} {
		t.Run(tc.name, func(t *testing.T) {
			blocks, overflow := RenderCard(tc.c, tc.info)
			golden(t, tc.name, map[string]any{"blocks": blocks, "overflow": overflow})
		})
	}
}

// "Decide similar…" is on an open card only when other open cases are
// like it, and on no final card.
func TestDecideSimilarButtonOnlyWithSimilarCases(t *testing.T) {
	has := func(c conversations.Case, info CardInfo) bool {
		blocks, _ := RenderCard(c, info)
		b, _ := json.Marshal(blocks)
		return strings.Contains(string(b), `"action_id":"`+ActionDecideSimilar+`"`)
	}
	info := smallInfo()
	if has(smallCase(), info) {
		t.Error("a case like no other open case offers Decide similar")
	}
	info.Similar = true
	if !has(smallCase(), info) {
		t.Error("a case with similar open cases does not offer Decide similar")
	}
	final := smallCase()
	final.State = policy.StateApproved
	if has(final, info) {
		t.Error("a decided case offers Decide similar")
	}
}

// postable posts blocks to a strict fake and fails on a Block Kit violation.
func postable(t *testing.T, blocks []slackapi.Block) {
	t.Helper()
	fake := slackfake.New(slackfake.Options{Channels: []string{"C1"}})
	defer fake.Close()
	api := slackapi.New("xoxb-x", slackapi.OptionAPIURL(fake.APIURL()))
	if _, _, err := api.PostMessage("C1", slackapi.MsgOptionBlocks(blocks...)); err != nil {
		t.Fatalf("Slack would refuse the card: %v", err)
	}
}

func TestLongCasesStayInsideBlockKit(t *testing.T) {
	for _, n := range []int{40, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			c := bigCase(n)
			c.Answers["story"] = strings.Repeat("a long story ", 100)
			blocks, overflow := RenderCard(c, smallInfo())
			if len(blocks) > 50 {
				t.Fatalf("got %d blocks, want at most 50", len(blocks))
			}
			postable(t, blocks)
			all, _ := json.Marshal(blocks)
			text := string(all) + strings.Join(overflow, "\n")
			for _, l := range c.Leads {
				if !strings.Contains(text, l.LeadID) {
					t.Errorf("lead %s is neither on the card nor in the thread", l.LeadID)
				}
			}
			if !strings.Contains(strings.Join(overflow, ""), strings.TrimSpace(strings.Repeat("a long story ", 100))) {
				t.Error("the long answer is not given in full in the thread")
			}
			for _, o := range overflow {
				if len([]rune(o)) > maxOverflowText {
					t.Errorf("overflow text of %d characters", len([]rune(o)))
				}
			}
		})
	}
}

func TestCardEscapesProviderText(t *testing.T) {
	c := smallCase()
	c.Answers["attempts"] = "<!channel> call me"
	c.Leads[0].Category = "<http://evil.example|bank>"
	info := smallInfo()
	info.ProviderName = "<!here> & <@U0ADMIN>"
	info.Findings = []Finding{{Level: "warn", Text: "<!everyone>"}}
	blocks, _ := RenderCard(c, info)
	s := rawJSON(t, blocks)
	for _, bad := range []string{"<!channel>", "<!here>", "<!everyone>", "<http://evil", "<@U0ADMIN>"} {
		if strings.Contains(s, bad) {
			t.Errorf("card contains %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;!channel&gt;", "&lt;http://evil.example|bank&gt;", "&amp; &lt;@U0ADMIN&gt;"} {
		if !strings.Contains(s, want) {
			t.Errorf("card lacks %q", want)
		}
	}
	if strings.Contains(s, "9876543210") || !strings.Contains(s, "+91 ••••• ••210") {
		t.Error("phone not masked as +91 ••••• ••210")
	}
}

// The card lists the answers in the order the reason asks its questions,
// as the provider's summary does, not sorted by key.
func TestCardAnswersInQuestionOrder(t *testing.T) {
	c := smallCase()
	c.Reason = policy.ReasonInvalidLead
	c.Answers = map[string]string{"what": "other", "details": "number belongs to a shop"}
	if _, ok := policy.ReasonByCode(c.Reason); !ok {
		t.Fatal("no invalid-lead reason")
	}
	info := smallInfo()
	info.AnswerLabel = map[string]string{"what": "What was wrong", "details": "Details"}
	text, _ := reasonText(c, info)
	what, details := strings.Index(text, "What was wrong"), strings.Index(text, "Details")
	if what < 0 || details < 0 || what > details {
		t.Errorf("answers out of question order:\n%s", text)
	}
}

func TestFinalCardHasDecisionAndNoButtons(t *testing.T) {
	c := smallCase()
	c.State, c.Credited = policy.StateApproved, 350
	c.History = append(c.History, conversations.Transition{From: policy.StateOpen, To: policy.StateApproved, By: "U1", At: testNow})
	blocks, _ := RenderCard(c, smallInfo())
	raw := rawJSON(t, blocks)
	if strings.Contains(raw, `"actions"`) {
		t.Error("a final card still has buttons")
	}
	if !strings.Contains(raw, "*Approved* by <@U1> on 2 Mar at 14:05 · 350 coins credited") {
		t.Errorf("decision line missing: %s", raw)
	}
	c = smallCase()
	c.State = policy.StatePendingSecond
	c.Approvals = []conversations.Approval{{By: "U1", At: testNow}}
	info := smallInfo()
	info.ApprovalsNeeded = 2
	blocks, _ = RenderCard(c, info)
	raw = rawJSON(t, blocks)
	if !strings.Contains(raw, "1 of 2 approvals") || !strings.Contains(raw, `"approve_all"`) {
		t.Errorf("pending second card: %s", raw)
	}
}

// rawJSON encodes v as Slack receives it, without HTML escaping.
func rawJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
