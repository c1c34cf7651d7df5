// Package slackfake is a fake Slack Web API on 127.0.0.1 for tests. It
// speaks the real protocol (form-encoded or JSON bodies, a token in the form
// or as a Bearer header, {"ok":true,...} / {"ok":false,"error":"..."}
// envelopes), validates Block Kit the way Slack does, keeps a transcript of
// everything posted, and plays the agent's side toward the app: signed button
// clicks, modal submissions and slash commands.
//
// It is written from scratch rather than on slacktest, which lacks
// chat.update, views.* and files.* and gives non-unique timestamps.
package slackfake

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Options configures a fake workspace.
type Options struct {
	// Token is the bot token the app must present; "" accepts any non-empty token.
	Token string
	// SigningSecret signs the requests the fake sends to the app.
	SigningSecret string
	// Channels are the channel IDs that exist; others give channel_not_found.
	Channels []string
	// Users are the workspace members.
	Users []User
	// TeamID and AppID appear in payloads; defaults T0FAKE and A0FAKE.
	TeamID, AppID string
	// Now is the fake's clock (trigger expiry); default time.Now.
	Now func() time.Time
	// AppToken is the app-level token (xapp-…) that apps.connections.open
	// takes for Socket Mode; "" accepts any xapp- token.
	AppToken string
	// Limits, when set, are Slack's rate limits the fake enforces per
	// method (per method and channel where PerChannel): a call over its
	// method's limit is answered 429 with Retry-After, as Slack does, and
	// counted by Throttled. Methods not listed are not limited. The limits
	// run on the wall clock.
	Limits map[string]Limit
}

// Limit is one method's rate limit: Rate calls a second after a burst of
// Burst, per channel when PerChannel.
type Limit struct {
	Rate       float64
	Burst      int
	PerChannel bool
}

// User is a workspace member.
type User struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
}

// Server is a running fake. All methods are safe for concurrent use.
type Server struct {
	opts  Options
	srv   *httptest.Server
	conns atomic.Int64 // connections accepted

	mu         sync.Mutex
	channels   map[string]bool
	users      map[string]User
	seq        int64 // ts counter, in microseconds past tsBase
	messages   map[string][]*Message
	ephemerals []Ephemeral
	views      map[string]*openView
	triggers   map[string]trigger
	uploads    map[string]*upload
	responses  map[string]responseTarget
	calls      map[string]int
	limits     map[string]rateLimit
	enforced   map[string]*rate.Limiter
	throttled  map[string]int
	journal    []Call
	down       bool
	ids        int
	holds      map[string]*hold

	socketOnce sync.Once
	sock       *socketState
}

// hold is an armed HoldAnswer.
type hold struct {
	held, release chan struct{}
}

type rateLimit struct {
	n          int
	retryAfter int
}

const tsBase = 1712345678

// New starts a fake on 127.0.0.1. Close it when done.
func New(opts Options) *Server {
	if opts.TeamID == "" {
		opts.TeamID = "T0FAKE"
	}
	if opts.AppID == "" {
		opts.AppID = "A0FAKE"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{
		opts:      opts,
		channels:  map[string]bool{},
		users:     map[string]User{},
		messages:  map[string][]*Message{},
		views:     map[string]*openView{},
		triggers:  map[string]trigger{},
		uploads:   map[string]*upload{},
		responses: map[string]responseTarget{},
		calls:     map[string]int{},
		limits:    map[string]rateLimit{},
		enforced:  map[string]*rate.Limiter{},
		throttled: map[string]int{},
		holds:     map[string]*hold{},
	}
	for _, c := range opts.Channels {
		s.channels[c] = true
	}
	for _, u := range opts.Users {
		s.users[u.ID] = u
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	s.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.srv.Start()
	return s
}

// Connections is how many TCP connections clients have opened to the Web
// API so far: a client that keeps its connections alive opens about as
// many as it had calls in flight at once.
func (s *Server) Connections() int64 { return s.conns.Load() }

// APIURL is the Web API base URL, ending in "/", for slack.OptionAPIURL.
func (s *Server) APIURL() string { return s.srv.URL + "/api/" }

// URL is the server's root URL.
func (s *Server) URL() string { return s.srv.URL }

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// RateLimit makes the next n calls of method answer 429 with Retry-After.
func (s *Server) RateLimit(method string, n, retryAfterSeconds int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits[method] = rateLimit{n: n, retryAfter: retryAfterSeconds}
}

// HoldAnswer makes the next call of method that succeeds take effect (a
// post is in the channel) and then withhold its answer until release is
// called or the caller gives up: Slack accepted the call, the caller
// never heard. held is closed once that call took effect.
func (s *Server) HoldAnswer(method string) (held <-chan struct{}, release func()) {
	h := &hold{held: make(chan struct{}), release: make(chan struct{})}
	s.mu.Lock()
	s.holds[method] = h
	s.mu.Unlock()
	var once sync.Once
	return h.held, func() { once.Do(func() { close(h.release) }) }
}

// Call is one Web API call the fake answered ok, in the order answered.
type Call struct {
	Method, Channel string
	TS              string // the message posted or updated, when there is one
	ThreadTS        string
}

// Journal returns the calls answered ok so far, oldest first.
func (s *Server) Journal() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.journal)
}

// Throttled reports how many calls of method the fake answered 429
// because they went over Options.Limits (injected 429s not counted).
func (s *Server) Throttled(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled[method]
}

// enforce spends a token of method's limit (in channel) and returns 0, or
// the Retry-After in whole seconds when the call is over the limit.
func (s *Server) enforce(method, channel string) int {
	lim, ok := s.opts.Limits[method]
	if !ok {
		return 0
	}
	key := method
	if lim.PerChannel {
		key += " " + channel
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.enforced[key]
	if b == nil {
		b = rate.NewLimiter(rate.Limit(lim.Rate), max(lim.Burst, 1))
		s.enforced[key] = b
	}
	now := time.Now()
	if b.AllowN(now, 1) {
		return 0
	}
	s.throttled[method]++
	need := (1 - b.TokensAt(now)) / lim.Rate
	return max(1, int(math.Ceil(need)))
}

// SetDown makes every Web API call answer 503 while down is true.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// Calls reports how many times method was called, rejected calls included.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

type handler func(r *request) (map[string]any, string)

func (s *Server) routes() map[string]handler {
	return map[string]handler{
		"auth.test":                    s.authTest,
		"apps.connections.open":        s.appsConnectionsOpen,
		"chat.postMessage":             s.postMessage,
		"chat.update":                  s.updateMessage,
		"chat.postEphemeral":           s.postEphemeral,
		"views.open":                   s.viewsOpen,
		"views.update":                 s.viewsUpdate,
		"users.info":                   s.usersInfo,
		"conversations.info":           s.conversationsInfo,
		"files.getUploadURLExternal":   s.getUploadURL,
		"files.completeUploadExternal": s.completeUpload,
		"conversations.history":        s.conversationsHistory,
		"conversations.replies":        s.conversationsReplies,
	}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/api/"):
		s.serveAPI(w, r, strings.TrimPrefix(r.URL.Path, "/api/"))
	case strings.HasPrefix(r.URL.Path, "/upload/"):
		s.serveUpload(w, r, strings.TrimPrefix(r.URL.Path, "/upload/"))
	case r.URL.Path == "/link/":
		s.serveLink(w, r)
	case strings.HasPrefix(r.URL.Path, "/response/"):
		s.serveResponseURL(w, r, strings.TrimPrefix(r.URL.Path, "/response/"))
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, method string) {
	h, ok := s.routes()[method]
	s.mu.Lock()
	s.calls[method]++
	down := s.down
	retryAfter := 0
	if lim := s.limits[method]; lim.n > 0 {
		retryAfter = lim.retryAfter
		lim.n--
		s.limits[method] = lim
	}
	s.mu.Unlock()
	if down {
		http.Error(w, "<html>service unavailable</html>", http.StatusServiceUnavailable)
		return
	}
	if retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		w.WriteHeader(http.StatusTooManyRequests)
		writeJSON(w, map[string]any{"ok": false, "error": "ratelimited"})
		return
	}
	if !ok {
		writeJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
		return
	}
	req, err := parseRequest(r)
	if err != nil {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_form_data"})
		return
	}
	if wait := s.enforce(method, req.str("channel")); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(wait))
		w.WriteHeader(http.StatusTooManyRequests)
		writeJSON(w, map[string]any{"ok": false, "error": "ratelimited"})
		return
	}
	if e := s.checkToken(req.token); e != "" && method != "apps.connections.open" {
		writeJSON(w, map[string]any{"ok": false, "error": e})
		return
	}
	res, e := h(req)
	if e != "" {
		out := map[string]any{"ok": false, "error": e}
		for k, v := range res {
			out[k] = v
		}
		writeJSON(w, out)
		return
	}
	if res == nil {
		res = map[string]any{}
	}
	res["ok"] = true
	ts, _ := res["ts"].(string)
	s.mu.Lock()
	s.journal = append(s.journal, Call{Method: method, Channel: req.str("channel"), TS: ts, ThreadTS: req.str("thread_ts")})
	hd := s.holds[method]
	delete(s.holds, method)
	s.mu.Unlock()
	if hd != nil {
		close(hd.held)
		select {
		case <-hd.release:
		case <-r.Context().Done():
			return // the caller hung up without an answer
		}
	}
	writeJSON(w, res)
}

func (s *Server) checkToken(token string) string {
	if token == "" {
		return "not_authed"
	}
	if s.opts.Token != "" && token != s.opts.Token {
		return "invalid_auth"
	}
	return ""
}

func (s *Server) authTest(*request) (map[string]any, string) {
	return map[string]any{"url": "https://fake.slack.com/", "team": "Fake", "user": "refundbot",
		"team_id": s.opts.TeamID, "user_id": "U0BOT", "bot_id": "B0BOT"}, ""
}

func (s *Server) usersInfo(r *request) (map[string]any, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[r.str("user")]
	if !ok {
		return nil, "user_not_found"
	}
	return map[string]any{"user": map[string]any{"id": u.ID, "name": u.Name, "real_name": u.RealName,
		"team_id": s.opts.TeamID, "tz": "Asia/Kolkata"}}, ""
}

func (s *Server) conversationsInfo(r *request) (map[string]any, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.str("channel")
	if !s.channels[id] {
		return nil, "channel_not_found"
	}
	return map[string]any{"channel": map[string]any{"id": id, "name": strings.ToLower(id), "is_channel": true, "is_member": true}}, ""
}

// nextTS returns a unique, increasing, real-looking ts. Call with mu held.
func (s *Server) nextTS() string {
	s.seq += 100
	return fmt.Sprintf("%d.%06d", tsBase+s.seq/1_000_000, s.seq%1_000_000)
}

// nextID returns a unique ID with a prefix. Call with mu held.
func (s *Server) nextID(prefix string) string {
	s.ids++
	return fmt.Sprintf("%s%07d", prefix, s.ids)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}
