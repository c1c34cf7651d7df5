package bot_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
)

// TestAPIRefundLink: the deep link of a lead the provider unlocked, 404
// for an unknown provider or someone else's lead, 503 until the username
// is known, a link even for a lead no longer refundable, 401 without the
// token.
func TestAPIRefundLink(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "api.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var username atomic.Pointer[string]
	h := bot.NewPlatformAPI(bot.APIOptions{Token: apiToken, Store: db, Clock: apiClock{},
		Logger:         slog.New(slog.DiscardHandler),
		NormalizePhone: func(raw string) (string, error) { return storage.NormalizePhone(raw, "IN") },
		BotUsername: func() string {
			if p := username.Load(); p != nil {
				return *p
			}
			return ""
		}})
	srv := httptest.NewServer(bot.NewMux(bot.Routes{PlatformAPI: h}))
	t.Cleanup(srv.Close)
	r := &apiRig{t: t, db: db, url: srv.URL, logs: &lockedBuffer{}}
	r.post("/api/v1/providers", apiProviders)
	r.post("/api/v1/unlocks", apiUnlocks) // unlocked in January: outside the window now

	link := "/api/v1/refund-link?provider_id=P-1&lead_id=l-2002"
	e := r.fail("GET", link, apiToken, "", http.StatusServiceUnavailable)
	if e.Error == "" {
		t.Error("503 without an error text")
	}
	if _, h, _ := r.call("GET", link, apiToken, ""); h.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	name := "RockerstopRefundBot"
	username.Store(&name)

	code, _, b := r.call("GET", link, apiToken, "")
	var got struct{ URL string }
	if err := json.Unmarshal(b, &got); code != http.StatusOK || err != nil {
		t.Fatalf("GET %s: %d %s", link, code, b)
	}
	if want := "https://t.me/RockerstopRefundBot?start=refund_L-2002"; got.URL != want {
		t.Errorf("url %q, want %q", got.URL, want)
	}
	if lead, ok := conversations.DeepLinkLead("refund_L-2002"); !ok || lead != "L-2002" {
		t.Errorf("the link's parameter does not read back: %q %v", lead, ok)
	}

	for path, code := range map[string]int{
		"/api/v1/refund-link?provider_id=P-9&lead_id=L-2001": http.StatusNotFound,   // unknown provider
		"/api/v1/refund-link?provider_id=P-2&lead_id=L-2001": http.StatusNotFound,   // someone else's lead
		"/api/v1/refund-link?provider_id=P-1&lead_id=L-9999": http.StatusNotFound,   // never unlocked
		"/api/v1/refund-link?provider_id=P-1":                http.StatusBadRequest, // no lead
		"/api/v1/refund-link?lead_id=L-2001":                 http.StatusBadRequest,
	} {
		r.fail("GET", path, apiToken, "", code)
	}
	r.fail("GET", link, "", "", http.StatusUnauthorized)
	r.fail("POST", link, apiToken, "", http.StatusMethodNotAllowed)
}
