package conversations

import (
	"context"
	"fmt"
	"time"
)

// DedupRetention deletes the markers that deduplicate inbound updates and
// Slack events once they are older than DedupKeepDays: the APIs redeliver
// for a day at most, and kept for ever the markers only grow (and could
// swallow an update_id Telegram reuses after a quiet week). The slot
// commits with the deletions.
func (j *Jobs) DedupRetention(ctx context.Context, slot time.Time) error {
	if j.o.DedupKeepDays < 2 {
		return fmt.Errorf("%s: keep_days must be at least 2", JobDedupRetention)
	}
	now := j.o.Clock.Now()
	n, err := j.o.Store.PruneDedup(ctx, now.Add(-hours(24*j.o.DedupKeepDays)),
		JobMark{Job: JobDedupRetention, Slot: slot, At: now})
	if err != nil {
		return fmt.Errorf("%s: %w", JobDedupRetention, err)
	}
	j.log.Info("dedup markers pruned", "job", JobDedupRetention, "markers", n)
	return nil
}
