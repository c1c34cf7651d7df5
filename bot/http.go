package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rockerstop/refundbot/conversations"
)

// Contact remembers when each external API last answered us, for /readyz.
type Contact struct {
	mu   sync.Mutex
	last map[conversations.Transport]time.Time
}

// Saw records a successful exchange with t at time at.
func (c *Contact) Saw(t conversations.Transport, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last == nil {
		c.last = map[conversations.Transport]time.Time{}
	}
	if at.After(c.last[t]) {
		c.last[t] = at
	}
}

// Last returns when t last answered, zero if never.
func (c *Contact) Last(t conversations.Transport) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last[t]
}

// Readiness holds what /readyz checks.
type Readiness struct {
	Outbox conversations.OutboxStore
	Clock  conversations.Clock
	// Contact and Transports: each transport must have answered within
	// MaxSilence (a polling Telegram intake talks every long-poll cycle).
	Contact    *Contact
	Transports []conversations.Transport
	MaxSilence time.Duration
	// MaxOutboxAge: the oldest pending message may not be older.
	MaxOutboxAge time.Duration
	// Leadership, when set, gives /readyz its role; the transport contact
	// checks apply to the leader only (a follower polls nothing). Nil: a
	// lone replica, the leader.
	Leadership Leadership
}

// Check returns every failed readiness check, nil when ready.
func (r Readiness) Check(ctx context.Context) []string {
	var bad []string
	now := r.Clock.Now()
	_, oldest, err := r.Outbox.OutboxStats(ctx, now)
	switch {
	case err != nil:
		bad = append(bad, "database: "+err.Error())
	case r.MaxOutboxAge > 0 && oldest > r.MaxOutboxAge:
		bad = append(bad, fmt.Sprintf("outbox: oldest message waiting %s", oldest.Round(time.Second)))
	}
	for _, t := range r.Transports {
		if Role(r.Leadership) != "leader" {
			break
		}
		last := r.Contact.Last(t)
		if last.IsZero() || now.Sub(last) > r.MaxSilence {
			bad = append(bad, fmt.Sprintf("%s: no successful API contact in %s", t, r.MaxSilence))
		}
	}
	return bad
}

// Routes is what the HTTP server serves; nil handlers are not mounted.
type Routes struct {
	SlackInteractions http.Handler
	SlackCommands     http.Handler
	SlackEvents       http.Handler
	TelegramWebhook   http.Handler
	PlatformAPI       http.Handler // mounted under /api/v1/
	Metrics           *Metrics
	// MetricsElsewhere leaves /metrics off this mux (it answers 404):
	// MetricsMux serves it on http.metrics_listen instead.
	MetricsElsewhere bool
	// Stats, when set, refreshes the store gauges of Metrics at each scrape.
	Stats StatsSource
	Ready *Readiness
	// Foreground, when set, counts the Slack interactions and commands in
	// flight, for the delivery worker to hold its passes behind.
	Foreground *Foreground
}

// NewMux builds the HTTP handler of DESIGN.md's paths.
func NewMux(r Routes) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		var bad []string
		role := Role(nil)
		if r.Ready != nil {
			bad = r.Ready.Check(req.Context())
			role = Role(r.Ready.Leadership)
		}
		w.Header().Set("Content-Type", "application/json")
		if len(bad) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		json.NewEncoder(w).Encode(map[string]any{"ready": len(bad) == 0, "role": role, "problems": bad})
	})
	if r.Metrics != nil && !r.MetricsElsewhere {
		mountMetrics(mux, r)
	}
	mount := func(pattern string, h http.Handler) {
		if h != nil {
			mux.Handle(pattern, h)
		}
	}
	mount("POST /slack/interactions", r.Foreground.Wrap(r.SlackInteractions))
	mount("POST /slack/commands", r.Foreground.Wrap(r.SlackCommands))
	mount("POST /slack/events", r.SlackEvents)
	mount("POST /telegram/webhook", r.TelegramWebhook)
	mount("/api/v1/", r.PlatformAPI)
	return mux
}

// MetricsMux serves GET /metrics alone, for http.metrics_listen: an
// address that, unlike http.listen, need not be reachable by Slack and
// Telegram.
func MetricsMux(r Routes) *http.ServeMux {
	mux := http.NewServeMux()
	if r.Metrics != nil {
		mountMetrics(mux, r)
	}
	return mux
}

func mountMetrics(mux *http.ServeMux, r Routes) {
	prom := promhttp.HandlerFor(r.Metrics.Registry, promhttp.HandlerOpts{})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, req *http.Request) {
		if r.Stats != nil && r.Ready != nil {
			if err := r.Metrics.Sample(req.Context(), r.Stats, r.Ready.Clock.Now()); err != nil {
				http.Error(w, "metrics: "+err.Error(), http.StatusServiceUnavailable)
				return
			}
		}
		prom.ServeHTTP(w, req)
	})
}

// ServerLimits bound what one client may hold of the HTTP server.
type ServerLimits struct {
	ReadHeader time.Duration // the request line and headers
	Read       time.Duration // the whole request, body included
	Write      time.Duration // from the end of the headers to the end of the response
	Idle       time.Duration // a kept-alive connection between requests
	// MaxHeaderBytes caps the request line and headers.
	MaxHeaderBytes int
}

// DefaultServerLimits suit http.listen exposed to Slack and Telegram:
// their requests are small and come fast (a platform API body is at most
// MaxAPIBody), Slack wants an answer within 3 s, and a client that
// dribbles a body is cut off after Read instead of holding a connection
// for ever.
func DefaultServerLimits() ServerLimits {
	return ServerLimits{ReadHeader: 10 * time.Second, Read: 30 * time.Second, Write: 60 * time.Second,
		Idle: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
}

// NewServer returns an http.Server for h with limits l.
func NewServer(h http.Handler, l ServerLimits) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: l.ReadHeader, ReadTimeout: l.Read,
		WriteTimeout: l.Write, IdleTimeout: l.Idle, MaxHeaderBytes: l.MaxHeaderBytes}
}
