package storage

import (
	"context"
	"reflect"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// TestEvidenceIndexAcrossProviders: the index names every case of any
// provider holding a file, is written with the case (submit and an answer
// that adds files), and is rebuilt once when an existing database predates it.
func TestEvidenceIndexAcrossProviders(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db, 2, 2)
	shot := conversations.Evidence{Kind: conversations.EvidencePhoto, SHA256: "aa11", At: t0}
	submit := func(p int, lead string, ev ...conversations.Evidence) conversations.Case {
		t.Helper()
		c, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: pid(p), ChatID: int64(p), Language: policy.LangEnglish,
			Reason: policy.ReasonInvalidLead, LeadIDs: []string{lead}, Evidence: ev, At: t0})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	submit(1, leadOf(1, 1), shot, conversations.Evidence{Kind: conversations.EvidenceText, Text: "aa11"})
	submit(2, leadOf(2, 1), shot)
	c3 := submit(2, leadOf(2, 2))
	want := []conversations.EvidenceUse{
		{SHA256: "aa11", CaseID: "RF-1", Seq: 1, ProviderID: pid(1)},
		{SHA256: "aa11", CaseID: "RF-2", Seq: 2, ProviderID: pid(2)},
	}
	got, err := db.EvidenceUses(ctx, []string{"aa11", "zz"})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("uses = %+v, %v; want %+v", got, err, want)
	}
	// An answer adding a file indexes it with the case's decision.
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: c3.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateWaitingProvider, By: "U1", At: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: c3.ID, Expect: []policy.State{policy.StateWaitingProvider},
		To: policy.StateOpen, By: pid(2), At: t0, AddEvidence: []conversations.Evidence{shot}}); err != nil {
		t.Fatal(err)
	}
	got, _ = db.EvidenceUses(ctx, []string{"aa11"})
	if len(got) != 3 || got[2].CaseID != c3.ID {
		t.Fatalf("after the answer: %+v", got)
	}
	mustClean(t, db)

	// A database from before the index: drop it and its marker, reopen.
	db2 := reopenWithoutIndex(t, db, path, bEvidenceIdx, keyEvidenceIndexed)
	again, err := db2.EvidenceUses(ctx, []string{"aa11"})
	if err != nil || !reflect.DeepEqual(again, got) {
		t.Fatalf("rebuilt index = %+v, %v; want %+v", again, err, got)
	}
	mustClean(t, db2)

	// Verify notices an index that disagrees with the cases.
	db2.rawPut(t, bEvidenceIdx, join("bb22", u64(1)), []byte(pid(1)))
	db2.rawPut(t, bEvidenceIdx, join("aa11", u64(2)), []byte(pid(1)))
	problems, err := db2.Verify(ctx)
	if err != nil || len(problems) != 2 {
		t.Fatalf("verify = %q, %v; want 2 problems", problems, err)
	}
}
