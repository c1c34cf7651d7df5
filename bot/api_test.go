package bot_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

const apiToken = "s3cret-api-token"

// apiNow is the fixed time of the API tests.
var apiNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

type apiClock struct{}

func (apiClock) Now() time.Time { return apiNow }

// apiRig is the platform API mounted on the real mux over a real bbolt
// file, served on 127.0.0.1.
type apiRig struct {
	t    *testing.T
	db   *storage.DB
	url  string
	logs *lockedBuffer
}

// lockedBuffer collects the API's log lines; handlers write concurrently.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newAPIRig(t *testing.T, token string) *apiRig {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "api.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	logs := &lockedBuffer{}
	h := bot.NewPlatformAPI(bot.APIOptions{Token: token, Store: db, Clock: apiClock{},
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug,
			ReplaceAttr: dropTime})),
		NormalizePhone: func(raw string) (string, error) { return storage.NormalizePhone(raw, "IN") }})
	srv := httptest.NewServer(bot.NewMux(bot.Routes{PlatformAPI: h}))
	t.Cleanup(srv.Close)
	r := &apiRig{t: t, db: db, url: srv.URL, logs: logs}
	t.Cleanup(r.checkLogs)
	return r
}

// dropTime leaves the time out of log lines, whose digits could look
// like part of a phone number.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// checkLogs fails if the logs hold the token or any digits of a phone
// number of the tests (every test phone has "98" followed by 3 digits).
func (r *apiRig) checkLogs() {
	logs := r.logs.String()
	if strings.Contains(logs, apiToken[:8]) {
		r.t.Errorf("the token reached the logs:\n%s", logs)
	}
	for _, digits := range []string{"98100", "98200", "98300", "99000", "9810012345"} {
		if strings.Contains(logs, digits) {
			r.t.Errorf("a phone number (%s) reached the logs:\n%s", digits, logs)
		}
	}
}

// call sends one request with the bearer token (none when token is "").
func (r *apiRig) call(method, path, token, body string) (int, http.Header, []byte) {
	r.t.Helper()
	req, err := http.NewRequest(method, r.url+path, strings.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// post expects a 200 and returns the counts.
func (r *apiRig) post(path, body string) (created, updated, unchanged int) {
	r.t.Helper()
	code, _, b := r.call("POST", path, apiToken, body)
	if code != http.StatusOK {
		r.t.Fatalf("POST %s: %d %s", path, code, b)
	}
	var res struct{ Created, Updated, Unchanged int }
	if err := json.Unmarshal(b, &res); err != nil {
		r.t.Fatalf("POST %s: %v in %s", path, err, b)
	}
	return res.Created, res.Updated, res.Unchanged
}

// apiErr is an error body.
type apiErr struct {
	Error string `json:"error"`
	Index *int   `json:"index"`
	Field string `json:"field"`
}

// fail expects status code and a JSON error body.
func (r *apiRig) fail(method, path, token, body string, code int) apiErr {
	r.t.Helper()
	got, h, b := r.call(method, path, token, body)
	if got != code {
		r.t.Fatalf("%s %s: status %d, want %d: %s", method, path, got, code, b)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		r.t.Errorf("%s %s: Content-Type %q, want JSON", method, path, ct)
	}
	var e apiErr
	if err := json.Unmarshal(b, &e); err != nil || e.Error == "" {
		r.t.Fatalf("%s %s: error body %s (%v)", method, path, b, err)
	}
	return e
}

// badRow expects 400 naming index and field.
func (r *apiRig) badRow(path, body string, index int, field string) apiErr {
	r.t.Helper()
	e := r.fail("POST", path, apiToken, body, http.StatusBadRequest)
	if e.Index == nil || *e.Index != index || e.Field != field {
		r.t.Errorf("POST %s: index %v field %q (%s), want index %d field %q", path, e.Index, e.Field, e.Error, index, field)
	}
	return e
}

func (r *apiRig) wallet(id string) conversations.Wallet {
	r.t.Helper()
	w, err := r.db.Wallet(r.t.Context(), id)
	if err != nil {
		r.t.Fatalf("wallet %s: %v", id, err)
	}
	return w
}

const apiProviders = `[
 {"provider_id":"P-1","name":"Ramesh Kumar","phone":"+91 98100 12345","language":"en","opening_balance":1000},
 {"provider_id":"P-2","name":"Sunita Sharma","phone":"98200 23456","language":"hi","opening_balance":300},
 {"provider_id":"P-3","name":"Asha","phone":"98300 34567"}
]`

const apiUnlocks = `[
 {"provider_id":"P-1","lead_id":"L-2001","coins":120,"unlocked_at":"2026-01-10T10:00:00+05:30","category":"Plumbing"},
 {"provider_id":"P-1","lead_id":"l-2002","coins":80,"unlocked_at":"2026-01-11T09:30:00Z","category":"Plumbing"},
 {"provider_id":"P-2","lead_id":"L-2003","coins":300,"unlocked_at":"2026-01-12T12:00:00+05:30"}
]`

func TestAPIAuthorization(t *testing.T) {
	r := newAPIRig(t, apiToken)
	for _, tc := range []struct {
		name, header, wantChallenge string
	}{
		{"no header", "", `Bearer realm="refundbot"`},
		{"basic auth", "Basic " + apiToken, `Bearer realm="refundbot"`},
		{"wrong token", "Bearer wrong", `Bearer realm="refundbot", error="invalid_token"`},
		{"token prefix", "Bearer " + apiToken[:5], `Bearer realm="refundbot", error="invalid_token"`},
		{"token plus more", "Bearer " + apiToken + "x", `Bearer realm="refundbot", error="invalid_token"`},
	} {
		for _, path := range []string{"/api/v1/providers", "/api/v1/wallets/P-1", "/api/v1/nowhere"} {
			req, _ := http.NewRequest("POST", r.url+path, strings.NewReader(apiProviders))
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") != tc.wantChallenge ||
				!strings.Contains(string(b), `"error"`) {
				t.Errorf("%s %s: %d %q %s", tc.name, path, resp.StatusCode, resp.Header.Get("WWW-Authenticate"), b)
			}
		}
	}
	if _, err := r.db.Provider(t.Context(), "P-1"); !errors.Is(err, conversations.ErrNotFound) {
		t.Errorf("an unauthorised POST wrote a provider: %v", err)
	}
	if c, _, _ := r.post("/api/v1/providers", apiProviders); c != 3 {
		t.Errorf("with the token: created %d, want 3", c)
	}
}

func TestAPIProvidersUpsertIsIdempotent(t *testing.T) {
	r := newAPIRig(t, apiToken)
	if c, u, n := r.post("/api/v1/providers", apiProviders); c != 3 || u != 0 || n != 0 {
		t.Fatalf("first: created %d updated %d unchanged %d", c, u, n)
	}
	p2, err := r.db.Provider(t.Context(), "P-2")
	if err != nil || p2.Phone != "+919820023456" || p2.Language != policy.LangHindi {
		t.Errorf("P-2 = %+v, %v", p2, err)
	}
	if w := r.wallet("P-1"); w.Balance != 1000 {
		t.Errorf("P-1 opening balance %d, want 1000", w.Balance)
	}
	before := r.wallet("P-1")
	if c, u, n := r.post("/api/v1/providers", apiProviders); c != 0 || u != 0 || n != 3 {
		t.Errorf("repeat: created %d updated %d unchanged %d, want 0 0 3", c, u, n)
	}
	// A changed name is an update; the opening balance is not applied again.
	changed := strings.Replace(apiProviders, "Ramesh Kumar", "Ramesh K.", 1)
	if c, u, n := r.post("/api/v1/providers", changed); c != 0 || u != 1 || n != 2 {
		t.Errorf("changed: created %d updated %d unchanged %d, want 0 1 2", c, u, n)
	}
	if after := r.wallet("P-1"); !reflect.DeepEqual(before, after) {
		t.Errorf("wallet changed by a re-upsert:\n%+v\n%+v", before, after)
	}
	if p, _ := r.db.Provider(t.Context(), "P-1"); p.Name != "Ramesh K." {
		t.Errorf("P-1 name %q after update", p.Name)
	}
}

// TestAPIBadProviderRowWritesNothing: a bad row anywhere answers 400 with
// its index and field, and the good rows before it are not written.
func TestAPIBadProviderRowWritesNothing(t *testing.T) {
	r := newAPIRig(t, apiToken)
	r.post("/api/v1/providers", `[{"provider_id":"P-9","name":"Old","phone":"+91 99000 11111"}]`)
	good := `{"provider_id":"P-1","name":"A","phone":"+91 98100 12345"},{"provider_id":"P-2","name":"B","phone":"98200 23456"},`
	for _, tc := range []struct {
		name, row, field string
	}{
		{"bad phone", `{"provider_id":"P-3","name":"C","phone":"12345"}`, "phone"},
		{"phone of another provider", `{"provider_id":"P-3","name":"C","phone":"99000 11111"}`, "phone"},
		{"phone twice in the body", `{"provider_id":"P-3","name":"C","phone":"+91 98200 23456"}`, "phone"},
		{"provider twice", `{"provider_id":"P-1","name":"C","phone":"98300 34567"}`, "provider_id"},
		{"missing name", `{"provider_id":"P-3","phone":"98300 34567"}`, "name"},
		{"empty provider_id", `{"provider_id":" ","name":"C","phone":"98300 34567"}`, "provider_id"},
		{"language", `{"provider_id":"P-3","name":"C","phone":"98300 34567","language":"fr"}`, "language"},
		{"negative opening", `{"provider_id":"P-3","name":"C","phone":"98300 34567","opening_balance":-1}`, "opening_balance"},
		{"fractional opening", `{"provider_id":"P-3","name":"C","phone":"98300 34567","opening_balance":1.5}`, "opening_balance"},
		{"opening as a string", `{"provider_id":"P-3","name":"C","phone":"98300 34567","opening_balance":"10"}`, "opening_balance"},
		{"phone as a number", `{"provider_id":"P-3","name":"C","phone":919830034567}`, "phone"},
		{"unknown field", `{"provider_id":"P-3","name":"C","phone":"98300 34567","nmae":"x"}`, "nmae"},
		{"repeated field", `{"provider_id":"P-3","name":"C","name":"D","phone":"98300 34567"}`, "name"},
		{"nested value", `{"provider_id":"P-3","name":{"first":"C"},"phone":"98300 34567"}`, "name"},
		{"provider_id not UTF-8", "{\"provider_id\":\"P-\xe9\",\"name\":\"C\",\"phone\":\"98300 34567\"}", "provider_id"},
		{"Latin-1 name", "{\"provider_id\":\"P-3\",\"name\":\"Jos\xe9\",\"phone\":\"98300 34567\"}", "name"},
		{"provider_id with a dot", `{"provider_id":"P.8/9","name":"C","phone":"98300 34567"}`, "provider_id"},
		{"provider_id of 33 characters", `{"provider_id":"` + strings.Repeat("P", 33) + `","name":"C","phone":"98300 34567"}`, "provider_id"},
		{"name of 201 characters", `{"provider_id":"P-3","name":"` + strings.Repeat("n", 201) + `","phone":"98300 34567"}`, "name"},
		{"name with an escaped control character", `{"provider_id":"P-3","name":"C\u0007","phone":"98300 34567"}`, "name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := r.badRow("/api/v1/providers", "["+good+tc.row+"]", 2, tc.field)
			if tc.field == "phone" && !strings.Contains(e.Error, "phone") {
				t.Errorf("error %q does not name the phone", e.Error)
			}
			for _, id := range []string{"P-1", "P-2", "P-3"} {
				if _, err := r.db.Provider(t.Context(), id); !errors.Is(err, conversations.ErrNotFound) {
					t.Errorf("%s was written despite the bad row: %v", id, err)
				}
			}
		})
	}
	if e := r.badRow("/api/v1/providers", "["+good+`{"provider_id":"P-3","name":"C","phone":"12345"}]`, 2, "phone"); !strings.Contains(e.Error, `bad phone "12345"`) {
		t.Errorf("bad phone message %q is not the CSV import's", e.Error)
	}
}
