package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Runner is a part of the running system that works until its context
// ends: the Telegram intake, Slack Socket Mode, the scheduler.
type Runner interface {
	Run(ctx context.Context) error
}

// RunnerFunc makes a function a Runner.
type RunnerFunc func(ctx context.Context) error

// Run calls f.
func (f RunnerFunc) Run(ctx context.Context) error { return f(ctx) }

// Part is a named Runner; the name labels its error.
type Part struct {
	Name string
	Runner
}

// Waiter is a part whose handlers may still be working after its intake
// stopped (the Slack adapter's follow-up messages).
type Waiter interface{ Wait() }

// Outbox is the delivery worker as the lifecycle drives it (*Delivery).
type Outbox interface {
	Run(ctx context.Context) error
	Drain(ctx context.Context) (int, error)
}

// HTTPServer is an HTTP server and the listener it serves on. The caller
// builds the server with the limits it wants; the lifecycle serves it and
// shuts it down.
type HTTPServer struct {
	Name     string // labels its log lines and its error ("http", "metrics")
	Server   *http.Server
	Listener net.Listener
}

// DefaultShutdownBound bounds the graceful stop when Lifecycle.ShutdownBound
// is zero: finishing updates in flight and a last delivery pass.
const DefaultShutdownBound = 10 * time.Second

// Lifecycle is the running system: it starts every part and, when its
// context ends or a part fails, stops them in the order that loses
// nothing (LIBRARIES.md §6.7–6.8):
//
//  1. stop intake: shut the HTTP servers (requests in flight finish), then
//     end the Intake parts (the Telegram adapter waits for its handlers);
//  2. wait for handlers: each of Waiters;
//  3. stop the scheduler: Jobs returns after its running jobs finished;
//  4. flush the outbox: stop the delivery worker and make one last pass
//     within ShutdownBound (what is left stays for the next start);
//  5. close the store.
//
// It is handed its parts as interfaces; the caller builds them.
type Lifecycle struct {
	HTTP    []HTTPServer // the app's endpoints, a separate metrics listener
	Intake  []Part       // Telegram polling or webhook intake, Slack Socket Mode
	Waiters []Waiter
	Jobs    Runner // the scheduler; may be nil
	Outbox  Outbox
	Store   io.Closer // closed last; may be nil
	// ShutdownBound bounds the graceful stop (DefaultShutdownBound when zero).
	ShutdownBound time.Duration
	Logger        *slog.Logger
}

// Run runs the system until ctx ends or a part fails, then stops it. It
// returns the first part's failure, or nil after a stop by ctx.
func (l *Lifecycle) Run(ctx context.Context) error {
	log := l.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "lifecycle")
	bound := l.ShutdownBound
	if bound <= 0 {
		bound = DefaultShutdownBound
	}
	errs := make(chan error, len(l.Intake)+len(l.HTTP)+1)

	for _, h := range l.HTTP {
		go func() {
			if err := h.Server.Serve(h.Listener); !errors.Is(err, http.ErrServerClosed) {
				errs <- fmt.Errorf("%s server: %w", h.Name, err)
			}
		}()
		log.Info(h.Name+" listening", "addr", h.Listener.Addr().String())
	}
	intake, stopIntake := context.WithCancel(ctx)
	defer stopIntake()
	var intakeWG sync.WaitGroup
	start := func(wg *sync.WaitGroup, partCtx context.Context, name string, r Runner) {
		wg.Go(func() {
			if err := r.Run(partCtx); err != nil && partCtx.Err() == nil {
				errs <- fmt.Errorf("%s: %w", name, err)
			}
		})
	}
	for _, p := range l.Intake {
		start(&intakeWG, intake, p.Name, p.Runner)
	}
	jobs, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer stopJobs()
	var jobsWG sync.WaitGroup
	if l.Jobs != nil {
		start(&jobsWG, jobs, "scheduler", l.Jobs)
	}
	delivery, stopDelivery := context.WithCancel(context.WithoutCancel(ctx))
	defer stopDelivery()
	deliveryDone := make(chan struct{})
	go func() { defer close(deliveryDone); _ = l.Outbox.Run(delivery) }()

	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errs:
	}
	log.Info("stopping")
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), bound)
	defer cancel()
	// 1. Stop taking updates.
	for _, h := range l.HTTP {
		if err := h.Server.Shutdown(stopCtx); err != nil {
			log.Warn(h.Name+" shutdown", "err", err)
		}
	}
	stopIntake()
	intakeWG.Wait()
	// 2. Wait for handlers still answering.
	for _, w := range l.Waiters {
		w.Wait()
	}
	// 3. Stop the scheduler; it waits for running jobs.
	stopJobs()
	jobsWG.Wait()
	// 4. One last delivery pass within the bound.
	stopDelivery()
	<-deliveryDone
	if _, err := l.Outbox.Drain(stopCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		log.Warn("last delivery pass", "err", err)
	}
	// 5. Close the store.
	if l.Store != nil {
		if err := l.Store.Close(); err != nil && runErr == nil {
			runErr = err
		}
	}
	log.Info("stopped")
	return runErr
}
