package conversations

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

func TestCancelAndCashRefund(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	wantIn(t, c.command("cancel"), "nothing to cancel")
	c.command("refund")
	c.press(actReason, string(policy.ReasonInvalidLead))
	wantIn(t, c.command("refund"), "not submitted yet")
	wantIn(t, c.command("cancel"), "Cancelled")
	if s := c.session(); s.Step != stepIdle || s.Draft.Reason != "" {
		t.Errorf("session = %+v", s)
	}
	c.command("refund")
	_, rs := c.press(actCash, "")
	wantIn(t, rs, "does not give cash refunds", "coins refund", "support@rockerstop.com")
	wantIn(t, c.text("hello"), "didn’t understand")
}

func TestStatusBalanceLanguage(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	wantIn(t, c.command("status"), "no refund requests yet")
	wantIn(t, c.command("balance"), "<b>Your wallet:</b> 1050 coins", "lead unlocked -60 (L-RES)")
	c.command("language")
	_, rs := c.press(actLang, "hi")
	if p, _ := c.st.Provider(context.Background(), "P-1"); p.Language != policy.LangHindi {
		t.Errorf("language not saved: %q", p.Language)
	}
	if want := policy.Text(policy.LangHindi, policy.KeyLanguageChanged, nil); rs[0].Text != want {
		t.Errorf("got %q, want %q", rs[0].Text, want)
	}
}

// The opening entry's Ref is storage's English note ("opening balance"):
// /balance shows the kind in the provider's language and no English.
func TestBalanceOpeningEntryInHindi(t *testing.T) {
	st := newMemStore()
	must(t, st.UpsertProviders(context.Background(), []Provider{
		{ID: "P-1", Name: "Asha", Phone: "+919876543210", Language: policy.LangHindi, OpeningBalance: 1000},
	}, t0.Add(-24*time.Hour)))
	c := newChat(t, st)
	c.link()
	got := joined(c.command("balance"))
	if !strings.Contains(got, "शुरुआती बैलेंस +1000") {
		t.Errorf("no Hindi opening line:\n%s", got)
	}
	if strings.Contains(got, "opening balance") {
		t.Errorf("English ref in a Hindi balance:\n%s", got)
	}
}
