package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// The evidence index: which cases hold which file, across providers, for
// the reused-screenshot finding. It is written with the case itself
// (putCase), so a case and its index entries commit together.
var (
	bEvidenceIdx = []byte("evidence_by_hash") // sha256 0 be(seq) → provider ID
	// keyEvidenceIndexed marks in bMeta that the index covers every case
	// (a database made before the index existed is indexed once at Open).
	keyEvidenceIndexed = []byte("evidence_indexed")
)

var _ conversations.EvidenceIndex = (*DB)(nil)

// indexEvidence records each file of c in the evidence index. Puts are
// idempotent: a case put again (a decision, an answer) adds only its new files.
func indexEvidence(tx *bolt.Tx, c conversations.Case) error {
	b := tx.Bucket(bEvidenceIdx)
	for _, e := range c.Evidence {
		if e.SHA256 == "" || e.Kind == conversations.EvidenceText {
			continue
		}
		if err := b.Put(join(e.SHA256, u64(c.Seq)), []byte(c.ProviderID)); err != nil {
			return err
		}
	}
	return nil
}

// ensureEvidenceIndex indexes every stored case once, in Open's
// transaction, when the database predates the index. Cases that fail to
// decode are left to Verify to report.
func ensureEvidenceIndex(tx *bolt.Tx) error {
	meta := tx.Bucket(bMeta)
	if meta.Get(keyEvidenceIndexed) != nil {
		return nil
	}
	err := tx.Bucket(bCases).ForEach(func(_, v []byte) error {
		var c conversations.Case
		if json.Unmarshal(v, &c) != nil {
			return nil
		}
		return indexEvidence(tx, c)
	})
	if err != nil {
		return err
	}
	return meta.Put(keyEvidenceIndexed, u64(1))
}

// EvidenceUses returns every case, of any provider, holding one of the
// files hashes, oldest case first per hash.
func (db *DB) EvidenceUses(ctx context.Context, hashes []string) ([]conversations.EvidenceUse, error) {
	var out []conversations.EvidenceUse
	err := db.view(ctx, "evidence uses", func(tx *bolt.Tx) error {
		c := tx.Bucket(bEvidenceIdx).Cursor()
		for _, h := range hashes {
			if h == "" {
				continue
			}
			prefix := join(h, nil)
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				if len(k) != len(prefix)+8 {
					continue
				}
				seq := binary.BigEndian.Uint64(k[len(prefix):])
				out = append(out, conversations.EvidenceUse{SHA256: h, CaseID: caseID(seq), Seq: seq, ProviderID: string(v)})
			}
		}
		return nil
	})
	return out, err
}

// bEvidenceBytes counts the bytes of files downloaded per provider and day
// (policy.evidence.max_mb_per_provider_per_day): provider 0 day → be(bytes).
var bEvidenceBytes = []byte("evidence_bytes")

var _ conversations.EvidenceQuota = (*DB)(nil)

// EvidenceBytes is what was counted for providerID on day.
func (db *DB) EvidenceBytes(ctx context.Context, providerID, day string) (int64, error) {
	var n int64
	err := db.view(ctx, "evidence bytes of "+providerID, func(tx *bolt.Tx) error {
		if v := tx.Bucket(bEvidenceBytes).Get(join(providerID, []byte(day))); len(v) == 8 {
			n = int64(binary.BigEndian.Uint64(v))
		}
		return nil
	})
	return n, err
}

// AddEvidenceBytes adds n to the count of providerID on day and drops the
// provider's counts of other days (only today's matters).
func (db *DB) AddEvidenceBytes(ctx context.Context, providerID, day string, n int64) error {
	return db.update(ctx, "count evidence bytes of "+providerID, func(tx *bolt.Tx) error {
		b := tx.Bucket(bEvidenceBytes)
		key := join(providerID, []byte(day))
		var have int64
		if v := b.Get(key); len(v) == 8 {
			have = int64(binary.BigEndian.Uint64(v))
		}
		prefix := join(providerID, nil)
		var stale [][]byte
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if !bytes.Equal(k, key) {
				stale = append(stale, bytes.Clone(k))
			}
		}
		for _, k := range stale {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return b.Put(key, u64(uint64(max(0, have+n))))
	})
}

// evidenceIndex checks that the evidence index and the cases agree: each
// file of each case is indexed under its case and provider, and each
// entry points to a case that holds the file.
func (v *verifier) evidenceIndex() error {
	idx := v.tx.Bucket(bEvidenceIdx)
	err := v.tx.Bucket(bCases).ForEach(func(k, val []byte) error {
		var c conversations.Case
		if json.Unmarshal(val, &c) != nil {
			return nil // the cases check reports it
		}
		for _, e := range c.Evidence {
			if e.SHA256 == "" || e.Kind == conversations.EvidenceText {
				continue
			}
			if got := idx.Get(join(e.SHA256, u64(c.Seq))); string(got) != c.ProviderID {
				v.add("evidence index: file %s of %s is indexed as %q, want %q", e.SHA256, c.ID, got, c.ProviderID)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return idx.ForEach(func(k, val []byte) error {
		i := bytes.IndexByte(k, 0)
		if i < 0 || len(k) != i+9 {
			v.add("evidence index: malformed key %q", k)
			return nil
		}
		hash, seq := string(k[:i]), binary.BigEndian.Uint64(k[i+1:])
		c, err := v.caseByID(caseID(seq))
		if err != nil {
			v.add("evidence index: file %s points to %s: %v", hash, caseID(seq), err)
			return nil
		}
		for _, e := range c.Evidence {
			if e.SHA256 == hash {
				return nil
			}
		}
		v.add("evidence index: file %s points to %s, which does not hold it", hash, c.ID)
		return nil
	})
}
