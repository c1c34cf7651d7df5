package world

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
)

// TestFilesOnlyForACaseThatAsks: through the real go-telegram client and
// the fake Telegram, a stranger's 20 photos and a linked provider's photo
// with no flow open leave no file in storage.evidence_dir; the evidence
// step takes a photo; past policy.evidence.max_mb_per_provider_per_day
// the next photo is refused with a friendly message and not downloaded.
func TestFilesOnlyForACaseThatAsks(t *testing.T) {
	dir := t.TempDir()
	w := startWorld(t, Options{Dir: dir, Configure: func(c *app.Config) {
		c.Policy.Evidence.MaxFileMB = 1
		c.Policy.Evidence.MaxMBPerProviderPerDay = 1
	}})
	e := &e2e{t: t, w: w}
	at := time.Now().Add(-72 * time.Hour)
	if err := w.App.Store.UpsertProviders(t.Context(), []conversations.Provider{
		{ID: "P-1001", Name: "Asha", Phone: "+919876543210", Language: "en", OpeningBalance: 1000}}, at); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Store.RecordUnlocks(t.Context(), []conversations.Unlock{
		{ProviderID: "P-1001", LeadID: "L-2001", Coins: 120, UnlockedAt: at, Category: "Plumbing"}}); err != nil {
		t.Fatal(err)
	}
	evidence := filepath.Join(dir, "evidence")
	files := func() int {
		entries, err := os.ReadDir(evidence)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return len(entries)
	}
	tg := w.TG

	const stranger = 2002
	for i := range 20 {
		tg.UserSendsPhoto(stranger, []byte{0x89, 'P', 'N', 'G', byte(i)}, "")
	}
	e.waitFor("20 answers to the stranger", func() bool { return len(tg.BotMessages(stranger)) >= 20 })
	if n := files(); n != 0 {
		t.Fatalf("a stranger's 20 photos left %d files, want 0", n)
	}

	const asha = 1001
	tg.UserSends(asha, "/start")
	e.botSays(asha, "share the phone number")
	tg.UserSharesContact(asha, "919876543210", asha, false)
	e.botSays(asha, "now linked")
	tg.UserSendsPhoto(asha, []byte("\x89PNG with no flow open"), "")
	e.botSays(asha, "/refund")
	if n := files(); n != 0 {
		t.Fatalf("a photo with no flow open left %d files, want 0", n)
	}

	tg.UserSends(asha, "/refund")
	e.tap(asha, "Invalid lead")
	e.tap(asha, "Wrong or fake number")
	e.botSays(asha, "Send the ID of the lead")
	tg.UserSendsPhoto(asha, []byte("\x89PNG too early"), "")
	e.waitFor("the early photo handled", func() bool {
		in, err := w.App.Store.PendingInbound(t.Context())
		return err == nil && len(in) == 0 && tg.Pending() == 0
	})
	if n := files(); n != 0 {
		t.Fatalf("a photo at the lead step left %d files, want 0", n)
	}
	tg.UserSends(asha, "L-2001")
	e.botSays(asha, "Lead L-2001 added")
	e.tap(asha, "Done with leads")
	e.botSays(asha, "send your evidence")
	big := bytes.Repeat([]byte{'a'}, 700<<10)
	tg.UserSendsPhoto(asha, big, "")
	e.botSays(asha, "Got it")
	if n := files(); n != 1 {
		t.Fatalf("the evidence step's photo: %d files, want 1", n)
	}
	tg.UserSendsPhoto(asha, bytes.Repeat([]byte{'b'}, 700<<10), "")
	e.botSays(asha, "the limit is 1 MB a day")
	if n := files(); n != 1 {
		t.Fatalf("over the daily cap: %d files, want 1", n)
	}
}
