package policy

import (
	"strconv"
	"strings"
)

// CheckEvidence reports what evidence reason r still needs, given the
// kinds of the pieces already sent (duplicates allowed). nil means the
// requirement is met, or the reason requires nothing; an unknown reason
// requires nothing here (CheckAnswer and ReasonByCode catch it).
func CheckEvidence(r ReasonCode, present ...EvidenceKind) *Message {
	reason, ok := ReasonByCode(r)
	if !ok || len(reason.Evidence.RequiredAnyOf) == 0 {
		return nil
	}
	for _, have := range present {
		for _, need := range reason.Evidence.RequiredAnyOf {
			if have == need {
				return nil
			}
		}
	}
	return &Message{Key: reason.Evidence.Missing}
}

// EvidenceAllowed reports whether reason r takes evidence of kind k.
func EvidenceAllowed(r ReasonCode, k EvidenceKind) bool {
	reason, ok := ReasonByCode(r)
	if !ok {
		return false
	}
	for _, a := range reason.Evidence.Allowed {
		if a == k {
			return true
		}
	}
	return false
}

// AllowedMIME reports whether a file of that MIME type is taken as
// evidence: JPEG, PNG, WEBP and HEIC images, and PDF documents.
// Parameters such as "; charset=" are ignored; case does not matter.
func AllowedMIME(mime string) bool {
	mime, _, _ = strings.Cut(mime, ";")
	switch strings.ToLower(strings.TrimSpace(mime)) {
	case "image/jpeg", "image/jpg", "image/png", "image/webp", "image/heic", "image/heif", "application/pdf":
		return true
	}
	return false
}

// MaxFileBytes is the largest evidence file policy.evidence.max_file_mb
// allows, in bytes (1 MB = 1 MiB, as Telegram counts).
func MaxFileBytes(cfg Config) int64 {
	return int64(cfg.Evidence.MaxFileMB) << 20
}

// CheckFile checks one incoming file against the limits: the case holds
// at most policy.evidence.max_files_per_case files (filesSoFar already
// taken), of an allowed type, each at most policy.evidence.max_file_mb.
// A size of 0 or less means unknown and is not refused here.
func CheckFile(cfg Config, mime string, size int64, filesSoFar int) *Message {
	if filesSoFar >= cfg.Evidence.MaxFilesPerCase {
		m := Msg(KeyEvidenceTooMany, "max_files", strconv.Itoa(cfg.Evidence.MaxFilesPerCase))
		return &m
	}
	if !AllowedMIME(mime) {
		return &Message{Key: KeyFileWrongType}
	}
	if size > MaxFileBytes(cfg) {
		m := Msg(KeyFileTooBig, "max_mb", strconv.Itoa(cfg.Evidence.MaxFileMB))
		return &m
	}
	return nil
}
