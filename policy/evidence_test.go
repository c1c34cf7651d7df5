package policy

import "testing"

func TestCheckEvidence(t *testing.T) {
	tests := []struct {
		reason  ReasonCode
		present []EvidenceKind
		missing Key
	}{
		{ReasonNonResponsive, nil, KeyEvidenceMissingNonResponsive},
		{ReasonNonResponsive, []EvidenceKind{EvidencePhoto}, ""},    // call-log screenshot
		{ReasonNonResponsive, []EvidenceKind{EvidenceDocument}, ""}, // screenshot sent as a file
		{ReasonNonResponsive, []EvidenceKind{EvidenceText}, ""},     // description of attempts
		{ReasonTechnicalIssue, nil, KeyEvidenceMissingTechnical},
		{ReasonTechnicalIssue, []EvidenceKind{EvidencePhoto, EvidenceDocument}, KeyEvidenceMissingTechnical},
		{ReasonTechnicalIssue, []EvidenceKind{EvidencePhoto, EvidenceText}, ""},
		{ReasonInvalidLead, nil, ""},
		{ReasonMistakenPosting, nil, ""},
		{ReasonPhoneUnavailable, nil, ""},
	}
	for _, tt := range tests {
		got := CheckEvidence(tt.reason, tt.present...)
		if (got == nil) != (tt.missing == "") || got != nil && got.Key != tt.missing {
			t.Errorf("CheckEvidence(%s, %v) = %v, want %q", tt.reason, tt.present, got, tt.missing)
		}
	}
	for _, r := range Reasons() {
		for _, k := range []EvidenceKind{EvidencePhoto, EvidenceDocument, EvidenceText} {
			if !EvidenceAllowed(r.Code, k) {
				t.Errorf("%s does not take %s", r.Code, k)
			}
		}
		if r.Evidence.Need == "" || len(r.Evidence.RequiredAnyOf) > 0 && r.Evidence.Missing == "" {
			t.Errorf("%s: evidence texts missing", r.Code)
		}
	}
	if EvidenceAllowed(ReasonInvalidLead, "voice") {
		t.Error("voice allowed")
	}
}

func TestCheckFile(t *testing.T) {
	cfg := Default() // 10 MB, 10 files
	max := int64(10 << 20)
	tests := []struct {
		mime  string
		size  int64
		files int
		key   Key
	}{
		{"image/jpeg", max, 0, ""},
		{"image/jpeg", max + 1, 0, KeyFileTooBig},
		{"application/pdf", 1, 9, ""},
		{"application/pdf", 1, 10, KeyEvidenceTooMany},
		{"IMAGE/PNG; q=1", 1, 0, ""},
		{"video/mp4", 1, 0, KeyFileWrongType},
		{"application/zip", 1, 0, KeyFileWrongType},
		{"", 1, 0, KeyFileWrongType},
		{"image/webp", 0, 0, ""},
	}
	for _, tt := range tests {
		got := CheckFile(cfg, tt.mime, tt.size, tt.files)
		if (got == nil) != (tt.key == "") || got != nil && got.Key != tt.key {
			t.Errorf("CheckFile(%q, %d, %d) = %v, want %q", tt.mime, tt.size, tt.files, got, tt.key)
		}
	}
	if m := CheckFile(cfg, "image/png", max+1, 0); m.Args["max_mb"] != "10" {
		t.Errorf("too-big args = %v", m.Args)
	}
}
