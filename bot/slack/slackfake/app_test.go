package slackfake_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	slackapi "github.com/slack-go/slack"
)

// newRecordingApp starts an app that verifies each request with the
// signing secret (401 otherwise), parses the interaction and answers 200.
func newRecordingApp(t *testing.T, secret string) *recordingApp {
	t.Helper()
	app := &recordingApp{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read", http.StatusBadRequest)
			return
		}
		sv, err := slackapi.NewSecretsVerifier(r.Header, secret)
		if err == nil {
			_, _ = sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		ic, err := slackapi.InteractionCallbackParse(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		app.mu.Lock()
		app.got = append(app.got, ic)
		app.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	app.URL = srv.URL
	return app
}
