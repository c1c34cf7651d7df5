package etcdstore

import (
	"context"
	"fmt"

	"github.com/rockerstop/refundbot/conversations"
)

// EvidenceUses lists the cases whose evidence has one of hashes.
func (s *Store) EvidenceUses(ctx context.Context, hashes []string) ([]conversations.EvidenceUse, error) {
	var out []conversations.EvidenceUse
	for _, h := range hashes {
		if h == "" {
			continue
		}
		kvs, _, err := s.list(ctx, s.k(bEvidenceIdx, join(h, "")), 0, 0)
		if err != nil {
			return nil, fmt.Errorf("evidence uses: %w", err)
		}
		for _, kv := range kvs {
			if len(kv.Key) != 8 {
				continue
			}
			seq := seqOf(kv.Key)
			out = append(out, conversations.EvidenceUse{SHA256: h, CaseID: conversations.CaseID(seq), Seq: seq, ProviderID: kv.Value})
		}
	}
	return out, nil
}

// EvidenceBytes returns the bytes of evidence fetched for a provider on
// day.
func (s *Store) EvidenceBytes(ctx context.Context, providerID, day string) (int64, error) {
	resp, err := s.cli.Get(ctx, s.k(bEvidenceBytes, join(providerID, day)))
	if err != nil {
		return 0, fmt.Errorf("evidence bytes of %s: %w", providerID, err)
	}
	if len(resp.Kvs) == 0 || len(resp.Kvs[0].Value) != 8 {
		return 0, nil
	}
	return int64(seqOf(string(resp.Kvs[0].Value))), nil
}

// AddEvidenceBytes adds n to the provider's count for day and forgets
// the provider's other days.
func (s *Store) AddEvidenceBytes(ctx context.Context, providerID, day string, n int64) error {
	return s.update(ctx, "count evidence bytes of "+providerID, func(t *txn) error {
		key := s.k(bEvidenceBytes, join(providerID, day))
		var have int64
		if v, ok, err := t.get(key); err != nil {
			return err
		} else if ok && len(v) == 8 {
			have = int64(seqOf(v))
		}
		days, err := t.scan(s.k(bEvidenceBytes, join(providerID, "")), int64(s.maxOps))
		if err != nil {
			return err
		}
		for _, kv := range days {
			if k := s.k(bEvidenceBytes, join(providerID, kv.Key)); k != key {
				t.del(k)
			}
		}
		t.put(key, u64(uint64(max(0, have+n))))
		return nil
	})
}
