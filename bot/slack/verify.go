package slack

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"

	slackapi "github.com/slack-go/slack"
)

// maxRequestBody bounds what Slack may send us; real payloads are far smaller.
const maxRequestBody = 1 << 20

// verified reads the body of a Slack request, checks its signature with
// the signing secret (5-minute window), and restores r.Body for the
// parsers. On failure it answers (401 for a bad or stale signature) and
// returns false; the caller then does nothing else.
func (a *Adapter) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 && r.ContentLength <= maxRequestBody {
		buf.Grow(int(r.ContentLength) + bytes.MinRead) // one allocation for the whole body
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, maxRequestBody))
	body := buf.Bytes()
	if err != nil {
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	sv, err := slackapi.NewSecretsVerifier(r.Header, a.opts.SigningSecret)
	if err == nil {
		_, _ = sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil {
		a.log.Warn("slack request refused", "path", r.URL.Path, "error", err)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return nil, false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, true
}

// writeJSON answers 200 with v as JSON, or an empty 200 when v is nil.
func (a *Adapter) writeJSON(w http.ResponseWriter, v any) {
	if v == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		a.log.Error("encode slack response", "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
