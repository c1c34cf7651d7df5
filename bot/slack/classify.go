package slack

import (
	"errors"
	"time"

	slackapi "github.com/slack-go/slack"
)

// permanentSlackErrors are Web API errors that a retry cannot fix.
var permanentSlackErrors = map[string]bool{
	"channel_not_found": true, "not_in_channel": true, "is_archived": true,
	"invalid_auth": true, "not_authed": true, "account_inactive": true, "token_revoked": true,
	"missing_scope": true, "invalid_blocks": true, "invalid_blocks_format": true,
	"msg_too_long": true, "no_text": true, "message_not_found": true, "cant_update_message": true,
	"thread_not_found": true, "invalid_arguments": true, "file_not_found": true,
	"restricted_action": true,
}

// Classify tells a delivery worker what to do after Send failed: retry
// after retryAfter (0: use your backoff), or give up when permanent.
// Rate limits (429 with Retry-After) give their delay; Slack errors that a
// retry cannot fix (channel_not_found, not_in_channel, invalid_auth,
// invalid_blocks, ...), 4xx statuses and ErrNoCard/ErrBadMessage are
// permanent; 5xx, other Slack errors and network errors are retried.
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
		return 0, permanentSlackErrors[se.Err]
	}
	if sc, ok := errors.AsType[slackapi.StatusCodeError](err); ok {
		return 0, !sc.Retryable()
	}
	return 0, false
}
