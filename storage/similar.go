package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// The similar-case index: every open case under its kind (reason and
// detail) and under each of its leads, written in the case's own
// transactions (submitted: in; final: out), so that a card's checks read
// the few cases like it instead of every open case. It is derived data:
// Open builds it once for a database that predates it, Load rebuilds it,
// Walk leaves it out (other engines keep no such bucket) and Verify checks
// it against the open cases.
var (
	bOpenSimilar      = []byte("open_similar") // "k" 0 reason 0 detail 0 be(seq) | "l" 0 lead 0 be(seq) → ""
	keySimilarIndexed = []byte("similar_indexed")
)

// similarKeys are c's keys in the index.
func similarKeys(c conversations.Case) [][]byte {
	keys := [][]byte{similarKey(kindPrefix(c), c.Seq)}
	for _, l := range c.Leads {
		keys = append(keys, similarKey(leadPrefix(l.LeadID), c.Seq))
	}
	return keys
}

func kindPrefix(c conversations.Case) []byte {
	return join("k", join(string(c.Reason), join(conversations.CaseDetail(c), nil)))
}

func leadPrefix(lead string) []byte { return join("l", join(lead, nil)) }

func similarKey(prefix []byte, seq uint64) []byte { return append(bytes.Clone(prefix), u64(seq)...) }

// indexSimilar puts an open case into the index.
func indexSimilar(tx *bolt.Tx, c conversations.Case) error {
	b := tx.Bucket(bOpenSimilar)
	for _, k := range similarKeys(c) {
		if err := b.Put(k, nil); err != nil {
			return err
		}
	}
	return nil
}

// unindexSimilar takes a case that became final out of the index.
func unindexSimilar(tx *bolt.Tx, c conversations.Case) error {
	b := tx.Bucket(bOpenSimilar)
	for _, k := range similarKeys(c) {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// ensureSimilarIndex builds the index once, in Open's transaction, when
// the database predates it.
func ensureSimilarIndex(tx *bolt.Tx) error {
	if tx.Bucket(bMeta).Get(keySimilarIndexed) != nil {
		return nil
	}
	if err := rebuildSimilarIndex(tx); err != nil {
		return err
	}
	return tx.Bucket(bMeta).Put(keySimilarIndexed, u64(1))
}

// rebuildSimilarIndex empties the index and fills it from the open cases.
// A case that fails to decode is left to Verify to report.
func rebuildSimilarIndex(tx *bolt.Tx) error {
	if err := tx.DeleteBucket(bOpenSimilar); err != nil {
		return err
	}
	if _, err := tx.CreateBucket(bOpenSimilar); err != nil {
		return err
	}
	return tx.Bucket(bOpenCases).ForEach(func(k, _ []byte) error {
		c, found, err := getCaseBySeq(tx, seqOf(k))
		if err != nil || !found {
			return nil
		}
		return indexSimilar(tx, c)
	})
}

// OpenSimilar finds the other open cases like c from the index: it reads
// keys only, never a case.
func (db *DB) OpenSimilar(ctx context.Context, c conversations.Case) (conversations.OpenSimilar, error) {
	out := conversations.OpenSimilar{ByLead: map[string][]string{}}
	err := db.view(ctx, "cases like "+c.ID, func(tx *bolt.Tx) error {
		cur := tx.Bucket(bOpenSimilar).Cursor()
		others := func(prefix []byte) []string {
			var ids []string
			for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
				if len(k) != len(prefix)+8 {
					continue
				}
				if seq := binary.BigEndian.Uint64(k[len(prefix):]); seq != c.Seq {
					ids = append(ids, caseID(seq))
				}
			}
			return ids
		}
		out.Kind = others(kindPrefix(c))
		for _, l := range c.Leads {
			if ids := others(leadPrefix(l.LeadID)); len(ids) > 0 {
				out.ByLead[l.LeadID] = ids
			}
		}
		return nil
	})
	return out, err
}

// verifySimilar checks the index against the open cases: every open case
// under its kind and leads, and nothing else.
func (v *verifier) similarIndex() error {
	want := map[string]string{}
	_ = v.tx.Bucket(bOpenCases).ForEach(func(k, _ []byte) error {
		c, found, err := getCaseBySeq(v.tx, seqOf(k))
		if err != nil || !found {
			return nil // reported by the open-case checks
		}
		for _, key := range similarKeys(c) {
			want[string(key)] = c.ID
		}
		return nil
	})
	err := v.tx.Bucket(bOpenSimilar).ForEach(func(k, _ []byte) error {
		if _, ok := want[string(k)]; !ok {
			v.add("similar-case index: key %q names no open case of that kind or lead", k)
		}
		delete(want, string(k))
		return nil
	})
	for _, k := range slices.Sorted(maps.Keys(want)) {
		v.add("similar-case index: open case %s missing under %q", want[k], k)
	}
	return err
}
