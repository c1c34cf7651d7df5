package world

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestEndToEndDeepLink: the platform asks the API for a lead's refund link
// (the bot's username comes from getMe on the fake Telegram), and a
// provider who follows it unlinked links with the contact button and goes
// on with that lead.
func TestEndToEndDeepLink(t *testing.T) {
	e := newE2E(t)
	const asha = 1001
	get := func(path string) (int, []byte) {
		req, _ := http.NewRequest(http.MethodGet, e.w.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+e2eAPIToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	var link struct{ URL string }
	e.waitFor("the refund link", func() bool {
		code, b := get("/api/v1/refund-link?provider_id=P-1001&lead_id=L-2002")
		return code == http.StatusOK && json.Unmarshal(b, &link) == nil
	})
	u, err := url.Parse(link.URL)
	if err != nil || u.Host != "t.me" || u.Path != "/RefundBot" || u.Query().Get("start") != "refund_L-2002" {
		t.Fatalf("link %q", link.URL)
	}
	if code, b := get("/api/v1/refund-link?provider_id=P-1001&lead_id=L-3001"); code != http.StatusNotFound || !strings.Contains(string(b), `"error"`) {
		t.Errorf("someone else's lead: %d %s", code, b)
	}

	// Telegram sends "/start <param>" when the provider presses Start.
	e.w.TG.UserSends(asha, "/start "+u.Query().Get("start"))
	e.botSays(asha, "refund for lead L-2002")
	e.w.TG.UserSharesContact(asha, "919876543210", asha, false)
	e.botSays(asha, "Lead L-2002 added: 80 coins")
	e.tap(asha, "Invalid lead")
	e.tap(asha, "Wrong or fake number")
	e.botSays(asha, "Leads in this request: 1, total 80 coins")
}
