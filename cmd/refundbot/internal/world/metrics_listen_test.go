package world

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
)

// With http.metrics_listen set, serve answers /metrics there and 404 on
// http.listen, which operators expose to Slack and Telegram.
func TestServeMetricsOnTheirOwnAddress(t *testing.T) {
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := free.Addr().String()
	free.Close()
	w, err := Start(t.Context(), Options{Dir: t.TempDir(), Configure: func(c *app.Config) { c.HTTP.MetricsListen = addr }})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	get := func(url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get(w.URL + "/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics on http.listen: %d, want 404", code)
	}
	if code, _ := get(w.URL + "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz on http.listen: %d, want 200", code)
	}
	if code, body := get("http://" + addr + "/metrics"); code != http.StatusOK || !strings.Contains(body, "refundbot_") {
		t.Errorf("/metrics on metrics_listen: %d %.200s", code, body)
	}
	if code, _ := get("http://" + addr + "/api/v1/wallets/P-1"); code != http.StatusNotFound {
		t.Errorf("metrics_listen serves more than /metrics: %d", code)
	}
}
