package slackfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Socket Mode, as Slack speaks it (https://api.slack.com/apis/socket-mode):
// the app calls apps.connections.open with its app-level token (xapp-…)
// and dials the wss URL it gets; Slack says hello, pings the connection,
// and sends each request as an envelope {envelope_id, type, payload,
// accepts_response_payload}; the app acknowledges with {envelope_id,
// payload} within 3 seconds, or Slack retries and shows the user an error.
// Slack drops an acknowledgement of 20 KB or more without a word.
const (
	socketAckTimeout = 3 * time.Second
	socketMaxAck     = 20 << 10
	socketPingEvery  = 10 * time.Second
)

// ViaSocket sends the request over the app's Socket Mode connection instead
// of as a signed HTTP request: ClickButton, SubmitView and SlashCommand
// then wrap their payload in an envelope and return the app's
// acknowledgement (its payload as Body, 200) once it comes. It fails when
// no app is connected or the acknowledgement does not come in 3 seconds.
func ViaSocket() RequestOption { return func(s *signing) { s.socket = true } }

// socketConn is one app's Socket Mode connection.
type socketConn struct {
	ws      *websocket.Conn
	writeMu sync.Mutex

	mu      sync.Mutex
	waiting map[string]chan json.RawMessage
	closed  chan struct{}
}

// socketState is the fake's Socket Mode side: the tickets issued by
// apps.connections.open and the connected apps, newest last.
type socketState struct {
	mu      sync.Mutex
	tickets map[string]bool
	conns   []*socketConn
	seq     int
	dials   int
}

func (s *Server) socket() *socketState {
	s.socketOnce.Do(func() { s.sock = &socketState{tickets: map[string]bool{}} })
	return s.sock
}

// appsConnectionsOpen answers apps.connections.open: only an app-level
// token opens a connection (a bot token is not_allowed_token_type).
func (s *Server) appsConnectionsOpen(r *request) (map[string]any, string) {
	switch {
	case r.token == "":
		return nil, "not_authed"
	case !strings.HasPrefix(r.token, "xapp-"):
		return nil, "not_allowed_token_type"
	case s.opts.AppToken != "" && r.token != s.opts.AppToken:
		return nil, "invalid_auth"
	}
	st := s.socket()
	st.mu.Lock()
	st.seq++
	ticket := fmt.Sprintf("ticket-%d", st.seq)
	st.tickets[ticket] = true
	st.mu.Unlock()
	u := "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/link/?ticket=" + url.QueryEscape(ticket)
	return map[string]any{"url": u}, ""
}

// SocketConnections reports how many apps are connected over Socket Mode.
func (s *Server) SocketConnections() int {
	st := s.socket()
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.conns)
}

// SocketDials reports how many Socket Mode connections apps have opened
// so far (closed ones included): a restarted app's new connection adds one.
func (s *Server) SocketDials() int {
	st := s.socket()
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.dials
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveLink upgrades a dial of a URL that apps.connections.open issued
// (each ticket once), says hello and reads the app's acknowledgements.
func (s *Server) serveLink(w http.ResponseWriter, r *http.Request) {
	st := s.socket()
	ticket := r.URL.Query().Get("ticket")
	st.mu.Lock()
	ok := st.tickets[ticket]
	delete(st.tickets, ticket)
	st.mu.Unlock()
	if !ok {
		http.Error(w, "unknown or used ticket", http.StatusUnauthorized)
		return
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &socketConn{ws: ws, waiting: map[string]chan json.RawMessage{}, closed: make(chan struct{})}
	hello := map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]any{"app_id": s.opts.AppID},
		"debug_info":      map[string]any{"host": "fake", "approximate_connection_time": 18060}}
	if err := c.write(hello); err != nil {
		ws.Close()
		return
	}
	st.mu.Lock()
	st.conns = append(st.conns, c)
	st.dials++
	st.mu.Unlock()
	go c.pings()
	c.read()
	st.mu.Lock()
	for i, o := range st.conns {
		if o == c {
			st.conns = append(st.conns[:i], st.conns[i+1:]...)
			break
		}
	}
	st.mu.Unlock()
}

func (c *socketConn) write(v any) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

// pings sends Slack's WebSocket PINGs; slack-go reconnects when none come.
func (c *socketConn) pings() {
	t := time.NewTicker(socketPingEvery)
	defer t.Stop()
	for {
		select {
		case <-c.closed:
			return
		case <-t.C:
			c.writeMu.Lock()
			err := c.ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(5*time.Second))
			c.writeMu.Unlock()
			if err != nil {
				return
			}
		}
	}
}

// read takes the app's acknowledgements until the connection closes. An
// acknowledgement of 20 KB or more is dropped, as Slack drops it.
func (c *socketConn) read() {
	defer close(c.closed)
	defer c.ws.Close()
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		if len(data) >= socketMaxAck {
			continue
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &ack) != nil || ack.EnvelopeID == "" {
			continue
		}
		c.mu.Lock()
		ch := c.waiting[ack.EnvelopeID]
		delete(c.waiting, ack.EnvelopeID)
		c.mu.Unlock()
		if ch != nil {
			ch <- ack.Payload
		}
	}
}

// errNoSocket is returned when a request is to go over Socket Mode and no
// app is connected.
var errNoSocket = errors.New("socket mode: no app connected")

// sendSocket sends payload as an envelope of type typ to the newest
// connected app and waits for its acknowledgement.
func (s *Server) sendSocket(ctx context.Context, typ string, payload any) (*Reply, error) {
	st := s.socket()
	st.mu.Lock()
	var c *socketConn
	if n := len(st.conns); n > 0 {
		c = st.conns[n-1]
	}
	st.seq++
	id := fmt.Sprintf("envelope-%d", st.seq)
	st.mu.Unlock()
	if c == nil {
		return nil, errNoSocket
	}
	ch := make(chan json.RawMessage, 1)
	c.mu.Lock()
	c.waiting[id] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.waiting, id)
		c.mu.Unlock()
	}()
	env := map[string]any{"envelope_id": id, "type": typ, "payload": payload,
		"accepts_response_payload": typ != "events_api", "retry_attempt": 0, "retry_reason": ""}
	if err := c.write(env); err != nil {
		return nil, fmt.Errorf("socket mode: send %s: %w", typ, err)
	}
	t := time.NewTimer(socketAckTimeout)
	defer t.Stop()
	select {
	case p := <-ch:
		body := []byte(p)
		if string(body) == "null" {
			body = nil
		}
		return &Reply{StatusCode: http.StatusOK, Body: body}, nil
	case <-t.C:
		return nil, fmt.Errorf("socket mode: %s envelope %s not acknowledged within %s", typ, id, socketAckTimeout)
	case <-c.closed:
		return nil, fmt.Errorf("socket mode: connection closed before %s was acknowledged", id)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// sendSocketForm sends what would have been POSTed to endpoint as the
// matching Socket Mode envelope: an interaction's payload field as an
// "interactive" envelope, a slash command's form as "slash_commands".
func (s *Server) sendSocketForm(ctx context.Context, endpoint string, form url.Values) (*Reply, error) {
	switch {
	case strings.HasSuffix(endpoint, "/slack/interactions"):
		var payload any
		if err := json.Unmarshal([]byte(form.Get("payload")), &payload); err != nil {
			return nil, fmt.Errorf("socket mode: payload: %w", err)
		}
		return s.sendSocket(ctx, "interactive", payload)
	case strings.HasSuffix(endpoint, "/slack/commands"):
		payload := map[string]string{}
		for k := range form {
			payload[k] = form.Get(k)
		}
		return s.sendSocket(ctx, "slash_commands", payload)
	}
	return nil, fmt.Errorf("socket mode: no envelope type for %s", endpoint)
}
