package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Record is one key of one bucket: the exchange format between storage
// engines (`refundbot migrate --to etcd`, and `verify` of the etcd store,
// which loads its records into a scratch file and runs Verify there). A
// bucket's sequence travels as a record of bucket "seq" whose key is the
// bucket's name and whose value is the sequence, big-endian.
type Record struct {
	Bucket     string
	Key, Value []byte
}

// SeqBucket is the pseudo-bucket of Record that carries sequences.
const SeqBucket = "seq"

// Walk calls fn with every record of every bucket except meta and the
// outbox's due index and the similar-case index (derived from the pending
// messages and the open cases; Load rebuilds them), in one
// read transaction, then with the non-zero bucket sequences.
func (db *DB) Walk(ctx context.Context, fn func(Record) error) error {
	return db.view(ctx, "walk", func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if bytes.Equal(name, bMeta) || bytes.Equal(name, bOutboxLanes) || bytes.Equal(name, bOutboxDue) || bytes.Equal(name, bOpenSimilar) {
				continue // derived indexes: Load rebuilds them
			}
			b := tx.Bucket(name)
			if err := b.ForEach(func(k, v []byte) error {
				return fn(Record{Bucket: string(name), Key: bytes.Clone(k), Value: bytes.Clone(v)})
			}); err != nil {
				return err
			}
			if seq := b.Sequence(); seq > 0 {
				if err := fn(Record{Bucket: SeqBucket, Key: bytes.Clone(name), Value: u64(seq)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Load writes records into the database in one transaction; a sequence
// record sets its bucket's sequence (never back). The derived indexes (the
// outbox's due index, the similar-case index) are rebuilt from what was
// loaded.
func (db *DB) Load(ctx context.Context, recs []Record) error {
	return db.update(ctx, fmt.Sprintf("load %d records", len(recs)), func(tx *bolt.Tx) error {
		for _, r := range recs {
			if r.Bucket == SeqBucket {
				b := tx.Bucket(r.Key)
				if b == nil || len(r.Value) != 8 {
					return fmt.Errorf("sequence of unknown bucket %q", r.Key)
				}
				if seq := binary.BigEndian.Uint64(r.Value); seq > b.Sequence() {
					if err := b.SetSequence(seq); err != nil {
						return err
					}
				}
				continue
			}
			b := tx.Bucket([]byte(r.Bucket))
			if b == nil || bytes.Equal([]byte(r.Bucket), bMeta) || bytes.Equal([]byte(r.Bucket), bOpenSimilar) {
				return fmt.Errorf("record of unknown bucket %q", r.Bucket)
			}
			if err := b.Put(r.Key, r.Value); err != nil {
				return err
			}
		}
		if err := rebuildOutboxIndex(tx); err != nil {
			return err
		}
		return rebuildSimilarIndex(tx)
	})
}

// VerifyRecords loads records into a scratch database in a temporary
// directory and runs Verify on it: the invariant checks of a store kept
// by another engine in storage's layout.
func VerifyRecords(ctx context.Context, recs []Record) ([]string, error) {
	dir, err := os.MkdirTemp("", "refundbot-verify-")
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	defer os.RemoveAll(dir)
	db, err := Open(filepath.Join(dir, "scratch.db"), Options{NoSync: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.Load(ctx, recs); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	return db.Verify(ctx)
}
