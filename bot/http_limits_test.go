package bot

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// serveLimited runs the mux of DESIGN's paths behind NewServer with short
// limits on 127.0.0.1 and returns its address. The API handler reads the
// whole body, as the platform API does.
func serveLimited(t *testing.T, l ServerLimits) string {
	t.Helper()
	bodyRead := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "cannot read the body", http.StatusBadRequest)
			return
		}
		fmt.Fprintln(w, "[]")
	})
	srv := NewServer(NewMux(Routes{PlatformAPI: bodyRead}), l)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// closedByServer reads conn until the server closes it; it fails the test
// when the connection is still open after wait.
func closedByServer(t *testing.T, conn net.Conn, wait time.Duration) string {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(wait))
	got, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept the connection open for %s (read %q)", wait, got)
	}
	return string(got)
}

func shortLimits() ServerLimits {
	l := DefaultServerLimits()
	l.ReadHeader, l.Read, l.Idle = 200*time.Millisecond, 500*time.Millisecond, 500*time.Millisecond
	return l
}

// A client that dribbles a body one byte at a time cannot hold a
// connection: the server cuts it off after ReadTimeout.
func TestServerCutsOffSlowBody(t *testing.T) {
	addr := serveLimited(t, shortLimits())
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/providers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[")
	stop := make(chan struct{})
	defer close(stop)
	go func() { // one byte every 20 ms: 100 KB would take over half an hour
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				if _, err := conn.Write([]byte(" ")); err != nil {
					return
				}
			}
		}
	}()
	got := closedByServer(t, conn, 10*time.Second)
	if strings.Contains(got, "200 OK") {
		t.Errorf("the slow request was served: %q", got)
	}
}

// A connection that sends nothing, or stays idle after a request, is closed.
func TestServerClosesSilentAndIdleConnections(t *testing.T) {
	addr := serveLimited(t, shortLimits())
	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	closedByServer(t, silent, 10*time.Second)

	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	fmt.Fprintf(idle, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(idle), nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	closedByServer(t, idle, 10*time.Second)
}

// Headers beyond MaxHeaderBytes are refused with 431.
func TestServerCapsHeaders(t *testing.T) {
	addr := serveLimited(t, DefaultServerLimits())
	req, _ := http.NewRequest("GET", "http://"+addr+"/healthz", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 200<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("status %d, want 431", resp.StatusCode)
	}
}

// With metrics elsewhere, /metrics answers 404 on the main mux and is
// served by MetricsMux, which serves nothing else.
func TestMetricsOnTheirOwnMux(t *testing.T) {
	m := NewMetrics()
	r := Routes{Metrics: m, MetricsElsewhere: true}
	get := func(h http.Handler, path string) (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code, rec.Body.String()
	}
	if code, _ := get(NewMux(r), "/metrics"); code != http.StatusNotFound {
		t.Errorf("main mux /metrics: %d, want 404", code)
	}
	if code, body := get(MetricsMux(r), "/metrics"); code != http.StatusOK || !strings.Contains(body, "# HELP") {
		t.Errorf("metrics mux /metrics: %d %.200s", code, body)
	}
	if code, _ := get(MetricsMux(r), "/healthz"); code != http.StatusNotFound {
		t.Errorf("metrics mux /healthz: %d, want 404", code)
	}
	r.MetricsElsewhere = false
	if code, _ := get(NewMux(r), "/metrics"); code != http.StatusOK {
		t.Errorf("main mux without metrics_listen /metrics: %d, want 200", code)
	}
}
