package etcdstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// Elector makes one `serve` replica among those on a cluster and prefix
// the leader (bot.Leadership): each replica keeps a session (a lease of
// TTL seconds, kept alive by the client) and campaigns in an etcd
// election; the winner leads until its lease ends. A replica that dies
// stops renewing its lease and etcd deletes its key after TTL; the next
// candidate's campaign returns at once.
//
// A leader acts only while it knows its lease to be valid (fencing by
// time): it renews the lease itself every TTL/3 and, from each renewal
// that etcd confirmed, knows the lease lives at least until the renewal
// was sent + TTL (etcd counts the TTL from when it renewed, which is
// later). Its term ends at that time less a margin, unless a later
// renewal moved it: so a leader cut off from the cluster stops its
// singleton loops before etcd lets the lease expire, hence before any
// other replica can win. The client's own notice of a lost session (at
// the next keep-alive answer after expiry, up to a TTL late) ends the
// term too, but is no longer what keeps two leaders apart. A new leader
// waits a grace period after winning before it acts, so that what an old
// leader had in flight when it stopped (an HTTP call already sent) is
// over. What fencing by time cannot prevent (a process paused longer
// than the margin between its check and its act, such as a stop-the-world
// pause in the middle of a send) the outbox tolerates: a Slack post is
// looked up before it is sent again, a Telegram notice may go twice.
type Elector struct {
	cli    *clientv3.Client
	key    string
	id     string
	ttl    int
	log    *slog.Logger
	margin time.Duration // the term ends this long before the lease surely does
	grace  time.Duration // a new leader's wait before it acts

	mu      sync.Mutex
	term    context.Context // the current term; nil while not leading
	changed chan struct{}   // closed and replaced at every change
	session *concurrency.Session
}

// NewElector prepares an elector for replica id (a host name, shown as
// the leader's value) with a lease of ttl seconds (5 when < 1). Run
// campaigns. The margin and grace are a fifth of the TTL (at least
// 200ms); Fence changes them.
func NewElector(cli *clientv3.Client, prefix, id string, ttl int, log *slog.Logger) *Elector {
	if prefix == "" {
		prefix = "refundbot/"
	}
	if ttl < 1 {
		ttl = 5
	}
	if log == nil {
		log = slog.Default()
	}
	m := max(time.Duration(ttl)*time.Second/5, 200*time.Millisecond)
	return &Elector{cli: cli, key: prefix + "leader", id: id, ttl: ttl, log: log, margin: m, grace: m,
		changed: make(chan struct{})}
}

// Fence sets how long before its lease surely ends a leader stops
// (margin, under a third of the TTL) and how long a new leader waits
// before it acts (grace). Call before Run.
func (e *Elector) Fence(margin, grace time.Duration) {
	e.margin = min(max(margin, 0), time.Duration(e.ttl)*time.Second/3)
	e.grace = max(grace, 0)
}

// Run campaigns until ctx ends, again after every lost term; on the way
// out a leader resigns, so that the next one takes over at once.
func (e *Elector) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		if err := e.termOnce(ctx); err != nil && ctx.Err() == nil {
			e.log.Warn("election", "component", "leader", "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(500 * time.Millisecond):
			}
		}
	}
	return nil
}

// termOnce opens a session, campaigns and leads until the session or ctx
// ends.
func (e *Elector) termOnce(ctx context.Context) error {
	s, err := concurrency.NewSession(e.cli, concurrency.WithTTL(e.ttl), concurrency.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("session: %w", err)
	}
	defer s.Close() // revokes the lease: a clean exit hands over at once
	e.mu.Lock()
	e.session = s
	e.mu.Unlock()
	el := concurrency.NewElection(s, e.key)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-s.Done():
			cancel()
		case <-cctx.Done():
		}
	}()
	if err := el.Campaign(cctx, e.id); err != nil {
		if errors.Is(err, context.Canceled) && ctx.Err() == nil {
			return errors.New("lease lost while campaigning")
		}
		return fmt.Errorf("campaign: %w", err)
	}
	// Known valid from here, by a renewal sent after the win.
	valid, err := e.renew(cctx, s.Lease())
	if err != nil {
		return fmt.Errorf("renew the lease after winning: %w", err)
	}
	select {
	case <-cctx.Done():
		return nil
	case <-time.After(e.grace):
	}
	term, end := context.WithCancel(cctx) // ends with the session too
	go e.fence(term, s.Lease(), valid, end)
	e.set(term)
	e.log.Info("elected leader", "component", "leader", "replica", e.id)
	<-term.Done()
	end()
	e.set(nil)
	if ctx.Err() != nil {
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer rcancel()
		_ = el.Resign(rctx)
		return nil
	}
	e.log.Warn("lost the lease: no longer leader", "component", "leader", "replica", e.id)
	return nil
}

// renew renews lease once and returns until when it is surely valid, less
// the margin: from the time the renewal was sent, since etcd counts the
// TTL from when it got it.
func (e *Elector) renew(ctx context.Context, lease clientv3.LeaseID) (time.Time, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(e.ttl)*time.Second/3)
	defer cancel()
	sent := time.Now()
	resp, err := e.cli.KeepAliveOnce(ctx, lease)
	if err != nil {
		return time.Time{}, err
	}
	if resp.TTL <= 0 {
		return time.Time{}, errors.New("lease expired")
	}
	return sent.Add(time.Duration(resp.TTL)*time.Second - e.margin), nil
}

// fence ends the term (end) when the lease is no longer known valid:
// it renews the lease every TTL/3 and ends the term at the validity of
// the last renewal confirmed, if no later one came first.
func (e *Elector) fence(term context.Context, lease clientv3.LeaseID, valid time.Time, end context.CancelFunc) {
	renewed := make(chan time.Time)
	go func() {
		tick := time.NewTicker(time.Duration(e.ttl) * time.Second / 3)
		defer tick.Stop()
		for {
			select {
			case <-term.Done():
				return
			case <-tick.C:
			}
			v, err := e.renew(term, lease)
			if err != nil {
				if term.Err() == nil {
					e.log.Warn("lease renewal failed", "component", "leader", "replica", e.id, "err", err)
				}
				continue
			}
			select {
			case renewed <- v:
			case <-term.Done():
				return
			}
		}
	}()
	expiry := time.NewTimer(time.Until(valid))
	defer expiry.Stop()
	for {
		select {
		case <-term.Done():
			return
		case v := <-renewed:
			if v.After(valid) {
				valid = v
				expiry.Reset(time.Until(valid))
			}
		case <-expiry.C:
			e.log.Warn("lease not known valid any more: stepping down", "component", "leader", "replica", e.id)
			end()
			return
		}
	}
}

func (e *Elector) set(term context.Context) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.term = term
	close(e.changed)
	e.changed = make(chan struct{})
}

// Lead blocks until this replica leads or ctx ends; the context returned
// ends when the term does.
func (e *Elector) Lead(ctx context.Context) (context.Context, error) {
	for {
		e.mu.Lock()
		term, changed := e.term, e.changed
		e.mu.Unlock()
		if term != nil && term.Err() == nil {
			return mergeDone(ctx, term), nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-changed:
		}
	}
}

// Leading reports whether this replica leads now.
func (e *Elector) Leading() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.term != nil && e.term.Err() == nil
}

// mergeDone returns a context of ctx that also ends when term does.
func mergeDone(ctx, term context.Context) context.Context {
	c, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(term, cancel)
	context.AfterFunc(c, func() { stop() })
	return c
}
