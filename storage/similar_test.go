package storage

import (
	"context"
	"reflect"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// TestSimilarIndex: the similar-case index answers as the rule over every
// open case does, is rebuilt once for a database that predates it, is
// rebuilt by Load from another engine's records, and Verify notices it
// disagreeing with the open cases.
func TestSimilarIndex(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db, 3, 2)
	submit := func(p, l int, what string) conversations.Case {
		t.Helper()
		c, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: pid(p), ChatID: int64(p), Language: policy.LangEnglish,
			Reason: policy.ReasonInvalidLead, Answers: map[string]string{policy.QWhat: what}, LeadIDs: []string{leadOf(p, l)}, At: t0})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cs := []conversations.Case{submit(1, 1, "wrong_number"), submit(2, 1, "wrong_number"), submit(3, 1, "duplicate"), submit(3, 2, "wrong_number")}
	answers := func(db *DB) []conversations.OpenSimilar {
		t.Helper()
		var out []conversations.OpenSimilar
		open, err := db.OpenCases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			got, err := db.OpenSimilar(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if want := conversations.OpenSimilarOf(c, open); !slices.Equal(got.Kind, want.Kind) || got.Count() != want.Count() {
				t.Fatalf("OpenSimilar(%s) = %+v, the rule gives %+v", c.ID, got, want)
			}
			out = append(out, got)
		}
		return out
	}
	if got := answers(db)[0].Kind; !slices.Equal(got, []string{"RF-2", "RF-4"}) {
		t.Fatalf("like RF-1: %v, want RF-2, RF-4", got)
	}
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: "RF-2", Expect: []policy.State{policy.StateOpen},
		To: policy.StateRejected, By: "U1", At: t0}); err != nil {
		t.Fatal(err)
	}
	before := answers(db)
	if got := before[0].Kind; !slices.Equal(got, []string{"RF-4"}) {
		t.Fatalf("like RF-1 after RF-2 was rejected: %v, want RF-4", got)
	}
	mustClean(t, db)

	// Another engine's records (Walk leaves the index out) load into a
	// store whose index Load rebuilds.
	var recs []Record
	if err := db.Walk(ctx, func(r Record) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Bucket == string(bOpenSimilar) {
			t.Fatalf("Walk gave a record of the derived index: %+v", r)
		}
	}
	if problems, err := VerifyRecords(ctx, recs); err != nil || len(problems) > 0 {
		t.Fatalf("VerifyRecords = %q, %v", problems, err)
	}

	// A database from before the index: drop it and its marker, reopen.
	db2 := reopenWithoutIndex(t, db, path, bOpenSimilar, keySimilarIndexed)
	if again := answers(db2); !reflect.DeepEqual(again, before) {
		t.Fatalf("rebuilt index answers %+v, want %+v", again, before)
	}
	mustClean(t, db2)

	// Verify notices a stray key and a missing one.
	db2.rawPut(t, bOpenSimilar, similarKey(kindPrefix(cs[1]), cs[1].Seq), nil)
	if err := db2.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bOpenSimilar).Delete(similarKey(leadPrefix(cs[3].Leads[0].LeadID), cs[3].Seq))
	}); err != nil {
		t.Fatal(err)
	}
	problems, err := db2.Verify(ctx)
	if err != nil || len(problems) != 2 {
		t.Fatalf("verify = %q, %v; want 2 problems", problems, err)
	}
}
