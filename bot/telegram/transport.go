package telegram

import (
	"net/http"
	"sync"
)

// IdleConnsPerHost is how many idle connections to the Bot API host the
// default client keeps: the outbox sends up to 64 messages at once and the
// adapter handles Workers chats besides. net/http's default keeps 2, so
// every burst opened (and, on the real API, TLS-handshook) a connection
// per message beyond the second and closed it again.
const IdleConnsPerHost = 64

// apiTransport is the one transport of every default client (the adapter's
// and the senders'), so they share its idle connections.
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
