package conversations

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// InfoExpiry closes, as expired, every case that has waited for the
// provider's answer longer than policy.info_request_expiry_hours since the
// question was asked, through the desk's Expire: one transaction per case
// that moves it (compare-and-set on waiting_provider) and tells the card,
// its thread and the provider. A case the provider answered meanwhile is
// skipped. Errors of single cases are collected; the others still run.
func (j *Jobs) InfoExpiry(ctx context.Context, slot time.Time) error {
	if j.o.Desk == nil {
		return fmt.Errorf("%s: no desk configured", JobInfoExpiry)
	}
	now := j.o.Clock.Now()
	cases, err := j.o.Store.OpenCases(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", JobInfoExpiry, err)
	}
	limit := hours(j.o.Policy.InfoRequestExpiryHours)
	var errs []error
	expired := 0
	for _, c := range cases {
		if c.State != policy.StateWaitingProvider || now.Sub(askedAt(c)) < limit {
			continue
		}
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		_, err := j.o.Desk.Expire(ctx, c.ID)
		switch {
		case errors.Is(err, ErrAlreadyDecided):
			j.log.Info("case answered before expiry", "job", JobInfoExpiry, "case_id", c.ID)
		case err != nil:
			errs = append(errs, err)
		default:
			expired++
		}
	}
	j.log.Info("info requests expired", "job", JobInfoExpiry, "cases", expired)
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s: %w", JobInfoExpiry, err)
	}
	return nil
}

// askedAt is when a case last entered waiting_provider (its question was
// sent); UpdatedAt when its history does not say.
func askedAt(c Case) time.Time {
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].To == policy.StateWaitingProvider {
			return c.History[i].At
		}
	}
	return c.UpdatedAt
}
