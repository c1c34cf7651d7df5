package bot

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are refundbot's Prometheus metrics on a registry of their own
// (no global state): served at /metrics.
type Metrics struct {
	Registry      *prometheus.Registry
	Updates       *prometheus.CounterVec   // by transport
	StepLatency   prometheus.Histogram     // update in → reply committed
	Decisions     *prometheus.CounterVec   // by outcome
	CoinsRefunded prometheus.Counter       // coins credited by approvals
	Deliveries    *prometheus.CounterVec   // by transport and result
	JobRuns       *prometheus.CounterVec   // by job and result
	OutboxDepth   prometheus.Gauge         // pending messages
	OutboxOldest  prometheus.Gauge         // age of the oldest pending, seconds
	CasesByState  *prometheus.GaugeVec     // by state
	APICalls      *prometheus.HistogramVec // by transport and method
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
		Decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "refundbot_decisions_total", Help: "Agent decisions, by outcome.",
		}, []string{"outcome"}),
		CoinsRefunded: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "refundbot_coins_refunded_total", Help: "Coins credited back to wallets.",
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
		APICalls: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "refundbot_api_call_seconds", Help: "Outbound API call latency, by transport and kind.",
		}, []string{"transport", "kind"}),
	}
	r.MustRegister(m.Updates, m.StepLatency, m.Decisions, m.CoinsRefunded, m.Deliveries,
		m.JobRuns, m.OutboxDepth, m.OutboxOldest, m.CasesByState, m.APICalls,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
