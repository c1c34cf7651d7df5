package policy

// ReasonCode is the stable code of a refund reason of the seed policy.
// Codes are stored in cases and sent in callback data: never rename one.
type ReasonCode string

const (
	ReasonInvalidLead      ReasonCode = "invalid_lead"
	ReasonNonResponsive    ReasonCode = "non_responsive"
	ReasonMistakenPosting  ReasonCode = "mistaken_posting"
	ReasonPhoneUnavailable ReasonCode = "phone_unavailable"
	ReasonTechnicalIssue   ReasonCode = "technical_issue"
)

// ReasonCodes lists the five reasons in the seed's order.
var ReasonCodes = []ReasonCode{ReasonInvalidLead, ReasonNonResponsive, ReasonMistakenPosting, ReasonPhoneUnavailable, ReasonTechnicalIssue}

// Lang is a provider language.
type Lang string

const (
	LangEnglish Lang = "en"
	LangHindi   Lang = "hi"
)
