// Package tgfake is an in-process fake of the Telegram Bot API for tests.
//
// It listens on 127.0.0.1 (httptest), speaks the real wire protocol
// (POST /bot<token>/<method> with multipart/form-data, url-encoded or JSON
// bodies; the {"ok":...} envelope) and enforces the limits where real bots
// break: callback data of 1–64 bytes, message text of 1–4096 characters
// after HTML parsing, Telegram's HTML subset, "message is not modified",
// callback queries answered once, 409 on getUpdates while a webhook is set,
// and optional flood control. Test code plays the users through methods such
// as UserSends and UserTaps, and reads the chat transcript with Messages.
package tgfake

import (
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-telegram/bot/models"
)

// Options configures a Server. The zero value is usable.
type Options struct {
	// Token is the bot token the server accepts; default "123456:TEST".
	Token string
	// BotUsername is what getMe answers; default "RefundBot".
	BotUsername string
	// MaxPollTimeout caps the long-poll timeout a client asks for; default 10s.
	MaxPollTimeout time.Duration
}

// Server is a fake Bot API server. All methods are safe for concurrent use.
type Server struct {
	// Token is the only bot token the server accepts.
	Token string

	opts Options
	srv  *httptest.Server

	mu       sync.Mutex
	closed   chan struct{}
	wake     chan struct{} // closed and replaced when an update is queued
	nextUpd  int64
	queue    []queuedUpdate // unconfirmed updates, in update_id order
	webhook  webhookState
	chats    map[int64]*chat
	users    map[int64]userInfo
	queries  map[string]*query
	files    map[string]*file
	answers  []CallbackAnswer
	commands map[string][]models.BotCommand
	calls    map[string]int
	fail429  map[string]failRule
	down     bool
	limiter  *floodControl
	nextFile int
	nextQID  int
	pollGen  int
	wg       sync.WaitGroup
	conns    atomic.Int64 // connections accepted
	chunked  atomic.Int64 // requests whose body came chunked
}

type queuedUpdate struct {
	id  int64
	raw json.RawMessage
}

type failRule struct{ n, retryAfter int }

// New starts a fake server on 127.0.0.1. Call Close when done.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = "123456:TEST"
	}
	if opts.BotUsername == "" {
		opts.BotUsername = "RefundBot"
	}
	if opts.MaxPollTimeout <= 0 {
		opts.MaxPollTimeout = 10 * time.Second
	}
	s := &Server{
		Token:    opts.Token,
		opts:     opts,
		closed:   make(chan struct{}),
		wake:     make(chan struct{}),
		nextUpd:  100,
		chats:    map[int64]*chat{},
		users:    map[int64]userInfo{},
		queries:  map[string]*query{},
		files:    map[string]*file{},
		commands: map[string][]models.BotCommand{},
		calls:    map[string]int{},
		fail429:  map[string]failRule{},
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

// Connections is how many TCP connections clients have opened to the
// server so far: a client that keeps its connections alive opens about as
// many as it had requests in flight at once.
func (s *Server) Connections() int64 { return s.conns.Load() }

// ChunkedRequests is how many requests came with a chunked body (its length
// not given up front: net/http writes each chunk as it comes).
func (s *Server) ChunkedRequests() int64 { return s.chunked.Load() }

// URL is the base URL to pass to bot.WithServerURL.
func (s *Server) URL() string { return s.srv.URL }

// Close releases long polls, stops webhook delivery and shuts the server.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.closed:
		s.mu.Unlock()
		return
	default:
	}
	close(s.closed)
	s.mu.Unlock()
	s.wg.Wait()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Fail429 makes the next n calls of method answer 429 with retry_after.
func (s *Server) Fail429(method string, n, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail429[method] = failRule{n: n, retryAfter: retryAfter}
}

// SetDown makes every API call answer 502 Bad Gateway with an HTML body,
// as Telegram's front end does during an outage.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// EnforceRateLimit turns flood control on: per chat a burst of 3 then
// 1 message/s, overall 30 messages/s; an excess send answers 429
// retry_after 1.
func (s *Server) EnforceRateLimit(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.limiter = newFloodControl()
	} else {
		s.limiter = nil
	}
}

// Calls reports how many times method was called (rejected calls included).
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

type apiError struct {
	code       int
	desc       string
	retryAfter int
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.code, e.desc) }

func badRequest(format string, a ...any) *apiError {
	return &apiError{code: 400, desc: "Bad Request: " + fmt.Sprintf(format, a...)}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if len(r.TransferEncoding) > 0 {
		s.chunked.Add(1)
	}
	if p, ok := strings.CutPrefix(r.URL.Path, "/file/bot"+s.Token+"/"); ok && r.Method == http.MethodGet {
		s.serveFile(w, p)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, found := strings.Cut(rest, "/")
	if !ok || !found {
		writeEnvelope(w, nil, &apiError{code: 404, desc: "Not Found"})
		return
	}
	if token != s.Token {
		writeEnvelope(w, nil, &apiError{code: 401, desc: "Unauthorized"})
		return
	}
	s.mu.Lock()
	s.calls[method]++
	down := s.down
	rule := s.fail429[method]
	failing := rule.n > 0
	if failing {
		rule.n--
		s.fail429[method] = rule
	}
	s.mu.Unlock()
	if down {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>")
		return
	}
	if failing {
		writeEnvelope(w, nil, tooMany(rule.retryAfter))
		return
	}
	p, err := parseParams(r)
	if err != nil {
		writeEnvelope(w, nil, badRequest("%v", err))
		return
	}
	res, aerr := s.dispatch(r, method, p)
	writeEnvelope(w, res, aerr)
}

func tooMany(retryAfter int) *apiError {
	return &apiError{code: 429, desc: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter), retryAfter: retryAfter}
}

func (s *Server) dispatch(r *http.Request, method string, p params) (any, *apiError) {
	switch method {
	case "getMe":
		return models.User{ID: botID(s.Token), IsBot: true, FirstName: s.opts.BotUsername, Username: s.opts.BotUsername}, nil
	case "getUpdates":
		return s.getUpdates(r, p)
	case "setWebhook":
		return s.setWebhook(p)
	case "deleteWebhook":
		return s.deleteWebhook(p)
	case "getWebhookInfo":
		return s.webhookInfo(), nil
	case "sendMessage":
		return s.sendMessage(p)
	case "editMessageText":
		return s.editMessageText(p)
	case "editMessageReplyMarkup":
		return s.editMessageReplyMarkup(p)
	case "deleteMessage":
		return s.deleteMessage(p)
	case "answerCallbackQuery":
		return s.answerCallbackQuery(p)
	case "setMyCommands":
		return s.setMyCommands(p)
	case "getFile":
		return s.getFile(p)
	}
	return nil, &apiError{code: 404, desc: "Not Found: method not found"}
}

func writeEnvelope(w http.ResponseWriter, result any, e *apiError) {
	w.Header().Set("Content-Type", "application/json")
	if e != nil {
		body := map[string]any{"ok": false, "error_code": e.code, "description": e.desc}
		if e.retryAfter > 0 {
			body["parameters"] = map[string]int{"retry_after": e.retryAfter}
		}
		w.WriteHeader(e.code)
		_ = json.NewEncoder(w).Encode(body)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func botID(token string) int64 {
	var id int64
	for _, c := range token {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}

// mediaType returns the media type of r's body.
func mediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}
