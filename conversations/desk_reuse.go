package conversations

import (
	"context"

	"github.com/rockerstop/refundbot/policy"
)

// EvidenceUse is one case that holds an evidence file.
type EvidenceUse struct {
	SHA256     string
	CaseID     string
	Seq        uint64
	ProviderID string
}

// EvidenceIndex finds every case, of any provider, that holds one of the
// given files. A Store that implements it (storage.DB does) lets the
// reused-screenshot finding look across providers; without it the finding
// looks at the provider's own cases only.
type EvidenceIndex interface {
	EvidenceUses(ctx context.Context, hashes []string) ([]EvidenceUse, error)
}

// seenAcross lists the earlier cases holding one of c's files, from the
// evidence index, each marked when another provider sent it.
func seenAcross(ctx context.Context, ix EvidenceIndex, c Case, hashes []string) ([]policy.SeenHash, error) {
	uses, err := ix.EvidenceUses(ctx, hashes)
	if err != nil {
		return nil, err
	}
	var out []policy.SeenHash
	for _, u := range uses {
		if u.Seq >= c.Seq || u.CaseID == c.ID {
			continue // judged at submission: only what came before
		}
		out = append(out, policy.SeenHash{SHA256: u.SHA256, CaseID: u.CaseID, OtherProvider: u.ProviderID != c.ProviderID})
	}
	return out, nil
}
