package conversations

import (
	"context"
	"fmt"
	"math"
)

// EvidenceQuota counts the bytes of files downloaded for each provider per
// day (a date, "2006-01-02" in the dialogue's timezone), for
// policy.evidence.max_mb_per_provider_per_day. A Store that implements it
// (storage.DB does) gets the cap enforced; without it there is no daily cap.
type EvidenceQuota interface {
	EvidenceBytes(ctx context.Context, providerID, day string) (int64, error)
	AddEvidenceBytes(ctx context.Context, providerID, day string, n int64) error
}

// takesFile reports whether a file event reaches a case that asks for it:
// a linked provider at the evidence step, answering an agent's question,
// or idle while a case waits for their answer (the file starts the
// answer), with room left for another file. Anything else (a stranger, no
// flow open, a step that wants something else) is answered without the
// file, which is never downloaded.
func takesFile(in stepIn) bool {
	if in.Provider == nil || in.Event.Kind != EvFile {
		return false
	}
	switch in.Session.Step {
	case stepEvidence, stepAnswer:
		return countFiles(in.Session.Draft.Evidence) < in.Policy.Evidence.MaxFilesPerCase
	case stepIdle, stepLink, "":
		return waitingCase(in.Cases) != nil
	}
	return false
}

// fetchFile downloads the event's file when the step takes it, within the
// provider's bytes left today, and counts what was stored. A step that
// does not take the file leaves it undownloaded: the step answers anyway.
func (e *Engine) fetchFile(ctx context.Context, in *stepIn) error {
	ev := &in.Event
	if ev.Fetch == nil || ev.File != nil || ev.FileError != FileOK || !takesFile(*in) {
		return nil
	}
	q, _ := e.o.Store.(EvidenceQuota)
	limit := int64(in.Policy.Evidence.MaxMBPerProviderPerDay) << 20
	budget := int64(math.MaxInt64)
	day := in.Now.Format("2006-01-02")
	if q != nil && limit > 0 {
		used, err := q.EvidenceBytes(ctx, in.Provider.ID, day)
		if err != nil {
			return fmt.Errorf("read evidence bytes of %s: %w", in.Provider.ID, err)
		}
		budget = max(0, limit-used)
	}
	if budget == 0 {
		ev.FileError = FileOverQuota
		return nil
	}
	ev.File, ev.FileError = ev.Fetch(ctx, budget)
	if ev.File == nil {
		if ev.FileError == FileOK {
			ev.FileError = FileFailed
		}
		return nil
	}
	if q != nil {
		if err := q.AddEvidenceBytes(ctx, in.Provider.ID, day, ev.File.Size); err != nil {
			return fmt.Errorf("count evidence bytes of %s: %w", in.Provider.ID, err)
		}
	}
	return nil
}
