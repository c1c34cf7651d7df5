package bot

import (
	"net/http"
	"sync"
)

// Foreground counts the requests a person is waiting on: an agent's click
// or slash command, which Slack drops unanswered after 3 seconds and which
// is answered only once its decision is committed. While any is in flight
// the delivery worker holds its next pass (for at most Delivery.MaxHold):
// on two cores the card updates and notices of a burst's first clicks
// otherwise take the CPU the rest of the burst waits for. With 180 clicks
// at once, holding delivery through the burst took a click's share of the
// machine from about 240 µs to 195 µs (BenchmarkApproveBurst).
//
// The zero value is ready to use; a nil *Foreground holds nothing.
type Foreground struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed while n is 0; nil: not made yet (idle)
}

// closedChan is the Idle of a gate nothing has entered.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// Enter counts a request in; the returned func counts it out (calling it
// again does nothing).
func (f *Foreground) Enter() (done func()) {
	if f == nil {
		return func() {}
	}
	f.mu.Lock()
	if f.n == 0 {
		f.idle = make(chan struct{})
	}
	f.n++
	f.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			f.mu.Lock()
			f.n--
			if f.n == 0 {
				close(f.idle)
			}
			f.mu.Unlock()
		})
	}
}

// Idle is closed when no request is in flight (at the time of the call or
// later).
func (f *Foreground) Idle() <-chan struct{} {
	if f == nil {
		return closedChan
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		return closedChan
	}
	return f.idle
}

// Wrap counts each request of h in while it is served; nil h stays nil.
func (f *Foreground) Wrap(h http.Handler) http.Handler {
	if f == nil || h == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer f.Enter()()
		h.ServeHTTP(w, r)
	})
}
