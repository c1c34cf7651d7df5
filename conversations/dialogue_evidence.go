package conversations

import (
	"slices"
	"strconv"

	"github.com/rockerstop/refundbot/policy"
)

func promptEvidence(t *turn) {
	t.advance(stepEvidence)
	text := t.text(policy.KeyEvidencePrompt, "max_files", strconv.Itoa(t.in.Policy.Evidence.MaxFilesPerCase))
	if r, ok := policy.ReasonByCode(t.s.Draft.Reason); ok && r.Evidence.Need != "" {
		text += "\n\n" + t.text(r.Evidence.Need)
	}
	rows := append(evidenceRemoveRows(t), []Button{t.button(policy.KeyBtnEvidenceDone, actEvDone, "")}, t.cancelRow())
	t.show(text, rows...)
}

// evidenceKinds lists the kinds of the pieces, for policy.CheckEvidence.
func evidenceKinds(ev []Evidence) []policy.EvidenceKind {
	out := make([]policy.EvidenceKind, len(ev))
	for i, e := range ev {
		out[i] = policy.EvidenceKind(e.Kind)
	}
	return out
}

// tooManyNotes refuses a note beyond policy.evidence.max_notes_per_case
// (it is not stored) and says so.
func tooManyNotes(t *turn, have []Evidence) bool {
	limit := t.in.Policy.Evidence.MaxNotesPerCase
	if limit <= 0 || len(have)-countFiles(have) < limit {
		return false
	}
	t.send(t.text(policy.KeyNotesTooMany, "max", strconv.Itoa(limit)))
	return true
}

func countFiles(ev []Evidence) int {
	n := 0
	for _, e := range ev {
		if e.Kind != EvidenceText {
			n++
		}
	}
	return n
}

// takeFile checks the event's file (or why it was not taken) against the
// policy's limits; it returns the piece to keep or says what is wrong.
func takeFile(t *turn, have []Evidence) (Evidence, bool) {
	ev := t.in.Event
	cfg := t.in.Policy
	switch {
	case ev.Kind == EvUnsupported:
		t.send(t.text(policy.UnsupportedKey(ev.Text)))
		return Evidence{}, false
	case ev.FileError == FileTooBig:
		t.send(t.text(policy.KeyFileTooBig, "max_mb", strconv.Itoa(cfg.Evidence.MaxFileMB)))
		return Evidence{}, false
	case ev.FileError == FileWrongType:
		t.send(t.text(policy.KeyFileWrongType))
		return Evidence{}, false
	case ev.FileError == FileOverQuota:
		t.send(t.text(policy.KeyFileQuota, "max_mb", strconv.Itoa(cfg.Evidence.MaxMBPerProviderPerDay)))
		return Evidence{}, false
	case ev.FileError == FileOK && ev.File == nil && countFiles(have) >= cfg.Evidence.MaxFilesPerCase:
		// Not downloaded: the request has all the files it can take.
		t.send(t.text(policy.KeyEvidenceTooMany, "max_files", strconv.Itoa(cfg.Evidence.MaxFilesPerCase)))
		return Evidence{}, false
	case ev.FileError != FileOK || ev.File == nil:
		t.send(t.text(policy.KeyFileFailed))
		return Evidence{}, false
	}
	f := *ev.File
	if m := policy.CheckFile(cfg, f.MIME, f.Size, countFiles(have)); m != nil {
		t.send(t.msg(*m))
		return Evidence{}, false
	}
	if f.At.IsZero() {
		f.At = t.in.Now
	}
	return f, true
}

// evidenceFile adds a photo or a document to the draft.
func evidenceFile(t *turn) {
	d := &t.s.Draft
	f, ok := takeFile(t, d.Evidence)
	if !ok {
		return
	}
	if !policy.EvidenceAllowed(d.Reason, policy.EvidenceKind(f.Kind)) {
		t.send(t.text(policy.KeyFileWrongType))
		return
	}
	d.Evidence = append(append([]Evidence(nil), d.Evidence...), f)
	evidenceReceived(t)
}

// addNote adds the text s to the draft's evidence (a request's, an
// answer's or an appeal's) when the policy takes it: a text within
// policy.evidence.max_text_chars, and no more notes than
// policy.evidence.max_notes_per_case. Otherwise it tells the provider why
// and reports false.
func addNote(t *turn, s string) bool {
	d := &t.s.Draft
	if m := policy.CheckText(t.in.Policy, s); m != nil {
		t.send(t.msg(*m))
		return false
	}
	if tooManyNotes(t, d.Evidence) {
		return false
	}
	d.Evidence = append(slices.Clone(d.Evidence), Evidence{Kind: EvidenceText, Text: s, At: t.in.Now})
	return true
}

// evidenceText adds a text note to the draft.
func evidenceText(t *turn, s string) {
	if !policy.EvidenceAllowed(t.s.Draft.Reason, policy.EvidenceText) {
		t.send(t.text(policy.KeyFileWrongType))
		return
	}
	if addNote(t, s) {
		evidenceReceived(t)
	}
}

func evidenceReceived(t *turn) { evidenceAck(t) }

// evidenceDone enforces the reason's required evidence, then shows the
// summary.
func evidenceDone(t *turn) {
	d := t.s.Draft
	if m := policy.CheckEvidence(d.Reason, evidenceKinds(d.Evidence)...); m != nil {
		t.send(t.msg(*m))
		return
	}
	summary(t)
}
