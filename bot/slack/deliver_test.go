package slack

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// viewDesk gives the desk's view of a case, with the provider's phone as
// storage holds it and as conversations masks it.
type viewDesk struct {
	d *fakeDesk
	p conversations.Provider
}

func (v viewDesk) CaseView(ctx context.Context, id string) (conversations.CaseView, error) {
	c, err := v.d.Case(ctx, id)
	if err != nil {
		return conversations.CaseView{}, err
	}
	return conversations.CaseView{Case: c, Provider: v.p, MaskedPhone: conversations.MaskPhone(v.p.Phone),
		Findings: []policy.Finding{{Level: policy.LevelWarn, Message: "3 requests in 30 days"}}, ApprovalsNeeded: 1}, nil
}

// cardDesk records a card's place on the fake desk's case, as storage does.
type cardDesk struct{ *fakeDesk }

func (d cardDesk) SetCard(_ context.Context, id, channel, ts string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	c := d.cases[id]
	c.CardChannel, c.CardTS = channel, ts
	d.cases[id] = c
	return nil
}

// TestSenderPostsCardFromTheView: the Slack sender builds the card from
// the desk's view (the policy's words, the masked phone: the raw number
// never reaches the channel), records where the card is, so that its
// thread finds it, and tells readiness.
func TestSenderPostsCardFromTheView(t *testing.T) {
	uncarded := smallCase()
	uncarded.ID = "RF-13"
	r := newRig(t, smallCase(), uncarded)
	ctx := context.Background()
	p := conversations.Provider{ID: "P-1001", Name: "Sharma Plumbing", Phone: "+919876543210", LinkedAt: testNow.Add(-90 * 24 * time.Hour)}
	var contacts []time.Time
	s := NewSender(r.a, viewDesk{r.desk, p}, cardDesk{r.desk}, func(at time.Time) { contacts = append(contacts, at) })

	ts, err := s.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackCard, Recipient: "C1", CaseID: "RF-12"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := r.fake.Messages("C1")
	if len(msgs) != 1 || msgs[0].TS != ts {
		t.Fatalf("channel holds %d messages, want the card %s", len(msgs), ts)
	}
	card := string(msgs[0].Blocks)
	reason, _ := policy.ReasonByCode(policy.ReasonNonResponsive)
	for _, want := range []string{"+91 ••••• ••210", "Sharma Plumbing", policy.Text(policy.LangEnglish, reason.Title, nil), "3 requests in 30 days"} {
		if !strings.Contains(card, want) {
			t.Errorf("card lacks %q:\n%s", want, card)
		}
	}
	if strings.Contains(card, "9876543210") || strings.Contains(msgs[0].Text, "9876543210") {
		t.Errorf("the raw phone number reached Slack:\n%s", card)
	}
	if c, _ := r.desk.Case(ctx, "RF-12"); c.CardChannel != "C1" || c.CardTS != ts {
		t.Errorf("card recorded at %s/%s, want C1/%s", c.CardChannel, c.CardTS, ts)
	}
	if _, err := s.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackThread, CaseID: "RF-12", Text: "Provider says: called 4 times"}); err != nil {
		t.Fatal(err)
	}
	if th := r.fake.Thread("C1", ts); len(th) != 1 || th[0].Text != "Provider says: called 4 times" {
		t.Errorf("thread %+v, want the message under the card", th)
	}
	if len(contacts) != 2 || !contacts[0].Equal(testNow) {
		t.Errorf("readiness told %v, want twice at %v", contacts, testNow)
	}
	_, err = s.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackThread, CaseID: "RF-13", Text: "x"})
	if _, permanent := s.Classify(err); !errors.Is(err, ErrNoCard) || !permanent {
		t.Errorf("thread of a case without a card: err %v, want ErrNoCard, permanent", err)
	}
}
