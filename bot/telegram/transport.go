package telegram

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// IdleConnsPerHost is how many idle connections to the Bot API host the
// default client keeps: the outbox sends up to 64 messages at once and the
// adapter handles Workers chats besides. net/http's default keeps 2, so
// every burst over HTTP/1.1 opened (over TLS: handshook) a connection per
// message beyond the second and closed it again. (Where the API speaks
// HTTP/2, one connection carries the burst anyway.)
const IdleConnsPerHost = 64

// apiTransport is the one transport of every default client (the adapter's
// and the senders'), so they share its idle connections; it sends each
// request body in one piece (bufferedBodies).
var apiTransport = sync.OnceValue(func() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return bufferedBodies{http.DefaultTransport}
	}
	t = t.Clone()
	t.MaxIdleConnsPerHost = IdleConnsPerHost
	t.MaxIdleConns = max(t.MaxIdleConns, 2*IdleConnsPerHost)
	return bufferedBodies{t}
})

// maxBuffered is the largest request body sent in one piece; a longer one
// streams on, chunked, after its first maxBuffered bytes.
const maxBuffered = 1 << 20

// bufferedBodies sends a request body of unknown length in one piece, with
// its length. go-telegram/bot streams every request's multipart form
// through an io.Pipe, which net/http sends chunked, flushing after each
// chunk: some twenty writes (over TLS, records) for one
// sendMessage. In the 1,000-provider load that was a fifth of the steps'
// CPU, in the client's write loop.
type bufferedBodies struct{ next http.RoundTripper }

func (b bufferedBodies) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength > 0 {
		return b.next.RoundTrip(r) // no body, or its length known
	}
	buf, err := io.ReadAll(io.LimitReader(r.Body, maxBuffered+1))
	if err != nil {
		r.Body.Close()
		return nil, err
	}
	r2 := r.Clone(r.Context())
	if len(buf) > maxBuffered {
		r2.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(buf), r.Body), r.Body}
		return b.next.RoundTrip(r2)
	}
	r.Body.Close()
	if len(buf) == 0 {
		// A body of length 0 must be NoBody, or net/http still takes
		// its length for unknown.
		r2.Body, r2.ContentLength = http.NoBody, 0
		r2.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
		return b.next.RoundTrip(r2)
	}
	// GetBody lets the transport resend the body on a kept-alive
	// connection the server had closed before reading anything.
	r2.Body, r2.ContentLength = io.NopCloser(bytes.NewReader(buf)), int64(len(buf))
	r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf)), nil }
	return b.next.RoundTrip(r2)
}
