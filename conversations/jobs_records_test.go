package conversations_test

import (
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// records-retention forgets handled updates older than its keep days, so the
// same update_id is fresh again, and refuses a keep shorter than the APIs
// redeliver.
func TestRecordsRetention(t *testing.T) {
	r := newJobRig(t)
	in := conversations.Inbound{Source: conversations.Telegram, ID: 7, ChatID: 1, Raw: []byte(`{}`), Received: r.clock.Now()}
	if _, err := r.db.SaveInbound(r.ctx, in); err != nil {
		t.Fatal(err)
	}
	if err := r.db.InboundDone(r.ctx, conversations.Telegram, 7); err != nil {
		t.Fatal(err)
	}
	short := conversations.NewJobs(conversations.JobsOptions{Store: r.db, Clock: r.clock, RecordsKeepDays: 1})
	if err := short.RecordsRetention(r.ctx, r.clock.Now()); err == nil {
		t.Fatal("a keep of one day was accepted")
	}
	keep := conversations.NewJobs(conversations.JobsOptions{Store: r.db, Clock: r.clock, RecordsKeepDays: 7})
	// The store stamps a handled marker with the real time; eight days on,
	// it is past a seven-day keep.
	slot := time.Now().Add(8 * 24 * time.Hour)
	r.clock.Set(slot)
	if err := keep.RecordsRetention(r.ctx, slot); err != nil {
		t.Fatal(err)
	}
	if fresh, err := r.db.SaveInbound(r.ctx, in); err != nil || !fresh {
		t.Fatalf("update 7 after retention: fresh=%v err=%v; want its marker gone", fresh, err)
	}
	if m, err := r.db.JobMark(r.ctx, conversations.JobRecordsRetention); err != nil || !m.Slot.Equal(slot) {
		t.Errorf("job mark = %+v, %v; want the slot committed", m, err)
	}
}
