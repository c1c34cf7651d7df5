package bot

import (
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// SawFunc is c.Saw for one transport, as an adapter's OnContact wants it.
func (c *Contact) SawFunc(t conversations.Transport) func(at time.Time) {
	return func(at time.Time) { c.Saw(t, at) }
}

// StepObserver counts the updates of a transport and times their steps,
// as an adapter's OnStep wants it.
func (m *Metrics) StepObserver(transport string) func(took time.Duration, failed bool) {
	updates := m.Updates.WithLabelValues(transport)
	return func(took time.Duration, _ bool) {
		updates.Inc()
		m.StepLatency.Observe(took.Seconds())
		if f := m.stepTrace.Load(); f != nil {
			(*f)(took)
		}
	}
}

// TraceSteps has every later step's time also handed to f (nil stops
// it), beside the histogram: `refundbot load` reads exact quantiles of
// the steps from it, which the histogram's buckets cannot give. f must be
// safe for concurrent use and quick.
func (m *Metrics) TraceSteps(f func(took time.Duration)) {
	if f == nil {
		m.stepTrace.Store(nil)
		return
	}
	m.stepTrace.Store(&f)
}

// InteractionObserver times the Slack adapter's interactions, as its
// OnInteraction wants it.
func (m *Metrics) InteractionObserver() func(took time.Duration) {
	return func(took time.Duration) {
		m.Interactions.Observe(took.Seconds())
		if f := m.clickTrace.Load(); f != nil {
			(*f)(took)
		}
	}
}

// TraceInteractions has every later interaction's time also handed to f
// (nil stops it), as TraceSteps does for steps.
func (m *Metrics) TraceInteractions(f func(took time.Duration)) {
	if f == nil {
		m.clickTrace.Store(nil)
		return
	}
	m.clickTrace.Store(&f)
}
