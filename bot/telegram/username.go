package telegram

import (
	"context"
	"time"
)

// Username is the bot's Telegram username (without "@") as getMe told
// it, or "" while it is not known yet. Deep links need it:
// https://t.me/<username>?start=refund_<LEAD>.
func (a *Adapter) Username() string {
	if p := a.username.Load(); p != nil {
		return *p
	}
	return ""
}

// learnUsername asks getMe until it answers with a username or ctx ends,
// backing off from one second to a minute between tries.
func (a *Adapter) learnUsername(ctx context.Context) {
	wait := time.Second
	for {
		u, err := a.bot.GetMe(ctx)
		switch {
		case err == nil && u.Username != "":
			name := u.Username
			a.username.Store(&name)
			a.log.Info("telegram username known", "username", name)
			return
		case err != nil && ctx.Err() == nil:
			a.log.Warn("getMe failed; deep links wait for it", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
	}
}
