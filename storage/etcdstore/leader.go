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
// candidate's campaign returns at once. A leader whose lease ends (it was
// cut off from the cluster past TTL, or the lease was revoked) sees its
// session end at the next keep-alive answer (about TTL/3), and its term's
// context ends then. Between the two a short overlap is possible, as with
// every lease: the singleton loops tolerate it (Telegram answers a second
// getUpdates consumer with 409; an outbox message may go twice, never
// get lost).
type Elector struct {
	cli *clientv3.Client
	key string
	id  string
	ttl int
	log *slog.Logger

	mu      sync.Mutex
	term    context.Context // the current term; nil while not leading
	changed chan struct{}   // closed and replaced at every change
	session *concurrency.Session
}

// NewElector prepares an elector for replica id (a host name, shown as
// the leader's value) with a lease of ttl seconds (5 when < 1). Run
// campaigns.
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
	return &Elector{cli: cli, key: prefix + "leader", id: id, ttl: ttl, log: log, changed: make(chan struct{})}
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
	term, end := context.WithCancel(cctx) // ends with the session too
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
