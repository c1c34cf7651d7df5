package slack

import (
	"net/http"
	"sync"
)

// IdleConnsPerHost is how many idle connections to the Web API host the
// default client keeps: the outbox sends up to 64 messages at once and the
// adapter opens views and posts ephemerals besides. slack-go's default
// client keeps net/http's 2, so every burst over HTTP/1.1 opened (over
// TLS: handshook) a connection per message beyond the second and closed it
// again. (Where the API speaks HTTP/2, one connection carries the burst
// anyway.)
const IdleConnsPerHost = 64

// apiTransport is the transport of every adapter built without a client
// of its own, so they share its idle connections.
var apiTransport = sync.OnceValue(func() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport
	}
	t = t.Clone()
	t.MaxIdleConnsPerHost = IdleConnsPerHost
	t.MaxIdleConns = max(t.MaxIdleConns, 2*IdleConnsPerHost)
	return t
})
