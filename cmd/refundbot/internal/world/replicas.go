package world

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Several serve replicas on one etcd store, sharing the fakes: the
// replica tests and `refundbot load --etcd` (failover) build them.

// Readiness is what a replica's /readyz answers.
type Readiness struct {
	Code     int      // the HTTP status
	Ready    bool     `json:"ready"`
	Role     string   `json:"role"` // "leader" or "follower"
	Problems []string `json:"problems"`
}

// Readyz asks the app's /readyz, as a load balancer would.
func (w *World) Readyz(ctx context.Context) (Readiness, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, w.URL+"/readyz", nil)
	if err != nil {
		return Readiness{}, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return Readiness{}, err
	}
	defer resp.Body.Close()
	r := Readiness{Code: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return r, fmt.Errorf("/readyz: %w", err)
	}
	return r, nil
}

// WaitRole waits until the app's /readyz names role ("leader",
// "follower"), polling every few milliseconds, for at most a minute.
func (w *World) WaitRole(ctx context.Context, role string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	last := "no answer"
	for {
		r, err := w.Readyz(ctx)
		if err == nil && r.Role == role {
			return nil
		}
		if err == nil {
			last = fmt.Sprintf("%d, role %q", r.Code, r.Role)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s's role %q (/readyz: %s): %w", w.URL, role, last, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// Replica starts another app with o on w's fakes: on etcd (o.Etcd, the
// same as w's) it is another serve replica of the same desk. Its Close
// stops only the app; the fakes are w's.
func (w *World) Replica(ctx context.Context, o Options) (*World, error) {
	r := &World{TG: w.TG, Slack: w.Slack, replica: true}
	if err := r.startApp(ctx, o); err != nil {
		return nil, err
	}
	return r, nil
}

// StartReplicas starts two replicas on one etcd store (oa.Etcd and
// ob.Etcd, the same cluster and prefix; each its own Dir, hence its own
// evidence_dir) sharing one pair of fakes: a first, until it leads, then
// b, until its /readyz answers (a ready follower). Close b, then a (a
// closes the fakes).
func StartReplicas(ctx context.Context, oa, ob Options) (a, b *World, err error) {
	if oa.Etcd == nil || ob.Etcd == nil {
		return nil, nil, errors.New("replicas need the etcd store (Options.Etcd)")
	}
	if a, err = Start(ctx, oa); err != nil {
		return nil, nil, err
	}
	if err := a.WaitRole(ctx, "leader"); err != nil {
		a.Close()
		return nil, nil, err
	}
	if b, err = a.Replica(ctx, ob); err != nil {
		a.Close()
		return nil, nil, err
	}
	if err := b.WaitRole(ctx, "follower"); err != nil {
		b.Close()
		a.Close()
		return nil, nil, err
	}
	return a, b, nil
}
