package slack

import (
	"errors"
	"time"

	slackapi "github.com/slack-go/slack"
)

// retryableSlackErrors are the Web API errors that say Slack itself had a
// problem; a later try may succeed. Every other "ok": false error says
// something about the request (a missing channel, blocks too long, a
// revoked token) that the same request sent again cannot fix, and a
// message the outbox retried for ever would hold up every later message
// to its channel.
var retryableSlackErrors = map[string]bool{
	"internal_error": true, "fatal_error": true, "service_unavailable": true,
	"request_timeout": true, "ratelimited": true, "rate_limited": true,
}

// Classify tells a delivery worker what to do after Send failed: retry
// after retryAfter (0: use your backoff), or give up when permanent.
// Rate limits (429 with Retry-After) give their delay; Slack's own
// failures (internal_error, service_unavailable, ...), 5xx and network
// errors are retried; every other Slack error (channel_not_found,
// msg_blocks_too_long, invalid_auth, ...), other 4xx statuses and
// ErrNoCard/ErrBadMessage are permanent.
func Classify(err error) (retryAfter time.Duration, permanent bool) {
	if err == nil {
		return 0, false
	}
	if rl, ok := errors.AsType[*slackapi.RateLimitedError](err); ok {
		return rl.RetryAfter, false
	}
	if errors.Is(err, ErrNoCard) || errors.Is(err, ErrBadMessage) {
		return 0, true
	}
	if se, ok := errors.AsType[slackapi.SlackErrorResponse](err); ok {
		return 0, !retryableSlackErrors[se.Err]
	}
	if sc, ok := errors.AsType[slackapi.StatusCodeError](err); ok {
		return 0, !sc.Retryable()
	}
	return 0, false
}
