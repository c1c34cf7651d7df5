package playground

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"sync"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// playgroundAssets is the page: HTML, CSS, JS and the sample screenshots.
//
//go:embed playground
var playgroundAssets embed.FS

// playground is the demo's web page over a world. The page plays the
// providers' Telegram accounts and the agents' Slack accounts; every
// action goes through the fakes' user APIs, which speak the production
// protocols to the app (Bot API updates, signed Slack interactions). The
// only thing it reads from the store is wallet balances, for display.
type playground struct {
	w        *world.World
	personas []persona
	agents   []agentView
	shots    []sampleShot
	assets   fs.FS
	log      *slog.Logger

	mu        sync.Mutex
	photos    map[int64][]string // the samples each user sent, in order
	dismissed map[string]bool    // modals closed on the page, by view ID
}

// newPlayground builds the page's server for w; personas are the Telegram
// accounts it offers. Log goes to log.
func newPlayground(w *world.World, personas []persona, log *slog.Logger) (*playground, error) {
	assets, err := fs.Sub(playgroundAssets, "playground")
	if err != nil {
		return nil, fmt.Errorf("playground assets: %w", err)
	}
	for _, p := range personas {
		w.TG.SetUserLanguage(p.TelegramID, p.Language)
	}
	return &playground{
		w: w, personas: personas, agents: demoAgents(w.App.Config.Slack.Approvers), shots: sampleShots(),
		assets: assets, log: log.With("component", "playground"),
		photos: map[int64][]string{}, dismissed: map[string]bool{},
	}, nil
}

// Handler serves the page, its assets and its JSON API.
func (p *playground) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /", http.FileServerFS(p.assets))
	mux.HandleFunc("GET /api/setup", p.serveSetup)
	mux.HandleFunc("GET /api/state", p.serveState)
	mux.HandleFunc("GET /api/slack/file", p.serveSlackFile)
	mux.HandleFunc("POST /api/telegram/send", p.post(p.telegramSend))
	mux.HandleFunc("POST /api/telegram/contact", p.post(p.telegramContact))
	mux.HandleFunc("POST /api/telegram/photo", p.post(p.telegramPhoto))
	mux.HandleFunc("POST /api/telegram/tap", p.post(p.telegramTap))
	mux.HandleFunc("POST /api/slack/click", p.post(p.slackClick))
	mux.HandleFunc("POST /api/slack/submit", p.post(p.slackSubmit))
	mux.HandleFunc("POST /api/slack/close", p.post(p.slackClose))
	return securityHeaders(mux)
}

// securityHeaders lets the page load only its own assets and never be
// framed: a second line of defence behind the sanitisers.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// setupView is what the page needs once: who it can play.
type setupView struct {
	Personas []persona    `json:"personas"`
	Agents   []agentView  `json:"agents"`
	Samples  []sampleShot `json:"samples"`
	Channel  string       `json:"channel"`
	Bot      string       `json:"bot"`
}

func (p *playground) serveSetup(w http.ResponseWriter, _ *http.Request) {
	writeAPI(w, http.StatusOK, setupView{Personas: p.personas, Agents: p.agents, Samples: p.shots, Channel: "refunds", Bot: "RefundBot"})
}

// apiError is an action the page asked for and could not do.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badInput(format string, a ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, a...)}
}

// post wraps an action: it accepts only a JSON body (so a foreign page
// cannot post a plain form here), decodes it into an actionRequest and
// answers the action's result as JSON.
func (p *playground) post(act func(r *http.Request, in actionRequest) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
			writeAPI(w, http.StatusUnsupportedMediaType, map[string]string{"error": "send application/json"})
			return
		}
		var in actionRequest
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			writeAPI(w, http.StatusBadRequest, map[string]string{"error": "bad request body: " + err.Error()})
			return
		}
		out, err := act(r, in)
		if err != nil {
			status := http.StatusBadGateway
			if ae, ok := err.(*apiError); ok {
				status = ae.status
			} else {
				p.log.Warn("playground action failed", "path", r.URL.Path, "err", err)
			}
			writeAPI(w, status, map[string]string{"error": err.Error()})
			return
		}
		if out == nil {
			out = map[string]bool{"ok": true}
		}
		writeAPI(w, http.StatusOK, out)
	}
}

func writeAPI(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// persona finds the persona playing Telegram user id.
func (p *playground) persona(id int64) (persona, error) {
	for _, ps := range p.personas {
		if ps.TelegramID == id {
			return ps, nil
		}
	}
	return persona{}, badInput("no provider account %d in the playground", id)
}

// agent checks that id is a member of the fake workspace.
func (p *playground) agent(id string) error {
	for _, a := range p.agents {
		if a.ID == id {
			return nil
		}
	}
	return badInput("no agent %q in the playground", id)
}
