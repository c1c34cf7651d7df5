package bot

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// Metrics are refundbot's Prometheus metrics on a registry of their own
// (no global state): served at /metrics.
type Metrics struct {
	Registry      *prometheus.Registry
	Updates       *prometheus.CounterVec // by transport
	StepLatency   prometheus.Histogram   // update in → reply committed
	CoinsRefunded prometheus.Gauge       // coins credited by approvals, all cases
	Deliveries    *prometheus.CounterVec // by transport and result
	JobRuns       *prometheus.CounterVec // by job and result
	OutboxDepth   prometheus.Gauge       // pending messages
	OutboxOldest  prometheus.Gauge       // age of the oldest pending, seconds
	CasesByState  *prometheus.GaugeVec   // by state
	Interactions  prometheus.Histogram   // Slack request in → acknowledged

	stepTrace  atomic.Pointer[func(time.Duration)] // see TraceSteps
	clickTrace atomic.Pointer[func(time.Duration)] // see TraceInteractions
}

// NewMetrics registers every metric on a new registry.
func NewMetrics() *Metrics {
	r := prometheus.NewRegistry()
	m := &Metrics{
		Registry: r,
		Updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "refundbot_updates_total", Help: "Inbound updates handled, by transport.",
		}, []string{"transport"}),
		StepLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "refundbot_step_seconds", Help: "Conversation step latency: update in to reply committed.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, 1},
		}),
		CoinsRefunded: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "refundbot_coins_refunded", Help: "Coins credited back to wallets by all cases.",
		}),
		Deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "refundbot_deliveries_total", Help: "Outbox delivery attempts, by transport and result (sent, retry, failed).",
		}, []string{"transport", "result"}),
		JobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "refundbot_job_runs_total", Help: "Scheduled job runs, by job and result.",
		}, []string{"job", "result"}),
		OutboxDepth: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "refundbot_outbox_depth", Help: "Outbox messages waiting for delivery.",
		}),
		OutboxOldest: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "refundbot_outbox_oldest_seconds", Help: "Age of the oldest undelivered outbox message.",
		}),
		CasesByState: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "refundbot_cases", Help: "Cases by state.",
		}, []string{"state"}),
		Interactions: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "refundbot_slack_interaction_seconds", Help: "Slack interaction latency: request handled to acknowledgement written (a click's decision committed).",
			Buckets: []float64{.001, .002, .005, .01, .025, .05, .1, .25, 1, 3},
		}),
	}
	r.MustRegister(m.Updates, m.StepLatency, m.CoinsRefunded, m.Deliveries,
		m.JobRuns, m.OutboxDepth, m.OutboxOldest, m.CasesByState, m.Interactions,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// StatsSource is what Sample reads: the outbox and the cases.
type StatsSource interface {
	OutboxStats(ctx context.Context, now time.Time) (depth int, oldest time.Duration, err error)
	Cases(ctx context.Context, providerID string) ([]conversations.Case, error)
}

// Sample sets the gauges read from the store: outbox depth and oldest age,
// cases by state, and coins refunded.
func (m *Metrics) Sample(ctx context.Context, src StatsSource, now time.Time) error {
	depth, oldest, err := src.OutboxStats(ctx, now)
	if err != nil {
		return fmt.Errorf("sample outbox: %w", err)
	}
	cases, err := src.Cases(ctx, "")
	if err != nil {
		return fmt.Errorf("sample cases: %w", err)
	}
	m.OutboxDepth.Set(float64(depth))
	m.OutboxOldest.Set(oldest.Seconds())
	by := make(map[policy.State]int, len(policy.States))
	var coins int64
	for _, c := range cases {
		by[c.State]++
		coins += c.Credited
	}
	for _, st := range policy.States {
		m.CasesByState.WithLabelValues(string(st)).Set(float64(by[st]))
	}
	m.CoinsRefunded.Set(float64(coins))
	return nil
}
