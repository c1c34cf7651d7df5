package conversations

import (
	"context"
	"time"
)

// LinkingStepStore is a StepStore that can also link a provider's Telegram
// account in the transaction of the step, so that the step that links a
// provider (the shared contact) costs one commit instead of two. The
// engine uses it when its Steps implement it (*storage.DB does) and
// otherwise links first and saves the step after, as before.
type LinkingStepStore interface {
	// SaveLinkStep links link.UserID to link.ProviderID as LinkTelegram
	// does and commits st, in one transaction: both or neither.
	SaveLinkStep(ctx context.Context, link Link, st Step) error
}

// Link is a Telegram account to link to a provider at a time.
type Link struct {
	ProviderID string
	UserID     int64
	At         time.Time
}
