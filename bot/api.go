package bot

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// MaxAPIBody bounds a platform API request body; a larger one is 413.
const MaxAPIBody = 1 << 20

// PlatformStore is what the platform API needs from storage; *storage.DB
// implements it.
type PlatformStore interface {
	conversations.RowStore
	UpsertProviders(ctx context.Context, ps []conversations.Provider, at time.Time) error
	RecordUnlocks(ctx context.Context, us []conversations.Unlock) (int, error)
	Case(ctx context.Context, id string) (conversations.Case, error)
}

// APIOptions configure the platform API.
type APIOptions struct {
	// Token is api.token. Empty turns the API off: every path under
	// /api/v1/ answers 404 with a JSON error, whatever the request.
	Token string
	Store PlatformStore
	// NormalizePhone turns a row's phone into E.164, the same function the
	// CSV import uses (storage.NormalizePhone with phone.default_region);
	// its error text is shown to the caller after `bad phone "…": `.
	NormalizePhone func(raw string) (string, error)
	// Clock bounds unlocked_at and dates upserts; the system clock if nil.
	Clock  conversations.Clock
	Logger *slog.Logger // slog.Default() if nil
	// BotUsername is the bot's Telegram username as getMe told it, "" while
	// not known yet (refund-link answers 503 then); nil is never known.
	BotUsername func() string
}

// platformAPI serves DESIGN.md's /api/v1/ endpoints.
type platformAPI struct {
	o     APIOptions
	token [sha256.Size]byte
	log   *slog.Logger
	// writeMu serialises the check-then-write of the POST endpoints, so
	// the checks of one request hold when its write happens: two requests
	// debiting one wallet cannot both pass the balance check.
	writeMu sync.Mutex
	mux     *http.ServeMux
}

// NewPlatformAPI returns the handler to mount at "/api/v1/" (Routes.PlatformAPI):
//
//	POST /api/v1/providers         JSON array of provider rows → {"created","updated","unchanged"}
//	POST /api/v1/unlocks           JSON array of unlock rows   → {"created","updated","unchanged"}
//	GET  /api/v1/wallets/{id}      conversations.WalletJSON
//	GET  /api/v1/cases/{case_id}   conversations.CaseJSON
//	GET  /api/v1/refund-link?provider_id=P&lead_id=L → {"url": "https://t.me/<bot>?start=refund_L"}
//
// Every request needs "Authorization: Bearer <Token>" (compared in
// constant time), else 401 with WWW-Authenticate. Rows are objects with
// the CSV's field names, numbers as JSON numbers; they are checked with
// the CSV import's checks (conversations.ProviderBatch, UnlockBatch) and
// written all or nothing: a bad row is 400 {"error","index","field"} and
// writes nothing, a repeat of the same rows is 200 and changes nothing.
// Other errors: unknown field 400, body over MaxAPIBody 413, wrong method
// 405, unknown path, provider or case 404, storage failure 500; every
// error body is {"error": "..."} at least. Store and NormalizePhone are
// required unless Token is empty; NewPlatformAPI panics without them.
func NewPlatformAPI(o APIOptions) http.Handler {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	log := o.Logger.With("component", "platform_api")
	if o.Token == "" {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			writeError(w, http.StatusNotFound, apiError{Error: "the platform API is off: api.token is not set"})
		})
	}
	if o.Store == nil || o.NormalizePhone == nil {
		panic("bot.NewPlatformAPI: APIOptions.Store and NormalizePhone are required")
	}
	if o.Clock == nil {
		o.Clock = conversations.SystemClock{}
	}
	a := &platformAPI{o: o, token: sha256.Sum256([]byte(o.Token)), log: log, mux: http.NewServeMux()}
	a.route("/api/v1/providers", http.MethodPost, a.postProviders)
	a.route("/api/v1/unlocks", http.MethodPost, a.postUnlocks)
	a.route("/api/v1/wallets/{provider_id}", http.MethodGet, a.getWallet)
	a.route("/api/v1/cases/{case_id}", http.MethodGet, a.getCase)
	a.route("/api/v1/refund-link", http.MethodGet, a.getRefundLink)
	a.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, apiError{Error: "no such endpoint: " + r.URL.Path})
	})
	return a
}

// route serves path for one method and answers 405 (JSON, with Allow)
// for the others. GET also serves HEAD.
func (a *platformAPI) route(path, method string, h http.HandlerFunc) {
	a.mux.HandleFunc(method+" "+path, h)
	allow := method
	if method == http.MethodGet {
		allow += ", " + http.MethodHead
	}
	a.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, apiError{Error: r.Method + " is not allowed here; use " + method})
	})
}

func (a *platformAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if problem := a.authorize(r); problem != "" {
		// RFC 6750: a request without credentials gets no error code.
		challenge := `Bearer realm="refundbot"`
		if problem != "missing bearer token" {
			challenge += `, error="invalid_token"`
		}
		w.Header().Set("WWW-Authenticate", challenge)
		a.log.Warn("unauthorized request", "method", r.Method, "path", r.URL.Path, "remote", r.RemoteAddr, "problem", problem)
		writeError(w, http.StatusUnauthorized, apiError{Error: problem})
		return
	}
	a.mux.ServeHTTP(w, r)
}

// authorize returns why the request is not authorised, or "". The tokens
// are compared as SHA-256 digests, in constant time and without leaking
// the configured token's length.
func (a *platformAPI) authorize(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "missing bearer token"
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "missing bearer token"
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	if subtle.ConstantTimeCompare(got[:], a.token[:]) != 1 {
		return "wrong bearer token"
	}
	return ""
}
