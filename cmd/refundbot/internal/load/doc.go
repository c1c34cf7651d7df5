// Package load is `refundbot load`: simulated providers driven through
// the whole flow over the fakes, and the figures of DESIGN.md's targets
// (steps a second against a bare bbolt loop, latencies, memory).
package load
