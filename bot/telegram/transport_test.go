package telegram

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestBufferedBodies: a body of unknown length up to maxBuffered goes in
// one piece with its length (an empty one as no body); a longer one streams on, chunked, whole; a
// body that fails while read fails the request, not half of it.
func TestBufferedBodies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		fmt.Fprintf(w, "%d %v %x", r.ContentLength, r.TransferEncoding, sha256.Sum256(b))
	}))
	defer srv.Close()
	client := &http.Client{Transport: apiTransport()}
	post := func(body io.Reader) (string, error) {
		pr, pw := io.Pipe()
		go func() {
			_, err := io.Copy(pw, body)
			pw.CloseWithError(err)
		}()
		res, err := client.Post(srv.URL, "text/plain", pr)
		if err != nil {
			return "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		return string(b), err
	}
	for _, n := range []int{0, 1, 4096, maxBuffered, maxBuffered + 1, 3 * maxBuffered / 2} {
		body := strings.Repeat("x", n)
		got, err := post(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%d [] %x", n, sha256.Sum256([]byte(body)))
		if n > maxBuffered {
			want = fmt.Sprintf("-1 [chunked] %x", sha256.Sum256([]byte(body)))
		}
		if got != want {
			t.Errorf("%d bytes arrived as %q, want %q", n, got, want)
		}
	}
	broken := io.MultiReader(strings.NewReader("half a form"), errReader{})
	if got, err := post(broken); err == nil || !strings.Contains(err.Error(), "form failed") {
		t.Fatalf("a failing body gave %q, %v; want the body's error", got, err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("form failed") }
