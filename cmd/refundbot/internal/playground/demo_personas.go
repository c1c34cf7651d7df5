package playground

import (
	"slices"
	"strings"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// persona is a sample provider's Telegram account in the playground: the
// Telegram user the page plays and the phone number the account holds,
// which the contact button shares. The phone is the E.164 form of the
// provider's number in demoProviders, so sharing it links the account.
type persona struct {
	TelegramID int64      `json:"telegram_id"`
	ProviderID string     `json:"provider_id"`
	Name       string     `json:"name"`
	Phone      string     `json:"phone"`
	PhoneShown string     `json:"phone_shown"` // Phone as people write it
	Language   string     `json:"language"`
	Leads      []leadView `json:"leads"`
}

// leadView is a sample lead the provider unlocked: the page shows it as a
// button that opens its refund deep link, as the Rockerstop app would.
type leadView struct {
	LeadID   string `json:"lead_id"`
	Coins    int64  `json:"coins"`
	Category string `json:"category"`
}

// demoPersonas are the sample providers' Telegram accounts, each with the
// leads of sampleUnlocks.
func demoPersonas() []persona {
	ps := []persona{
		{TelegramID: 7001001, ProviderID: "P-1001", Name: "Ramesh Kumar", Phone: "+919810012345", Language: "en"},
		{TelegramID: 7001002, ProviderID: "P-1002", Name: "Sunita Sharma", Phone: "+919820023456", Language: "hi"},
		{TelegramID: 7001003, ProviderID: "P-1003", Name: "Mehta Electricals", Phone: "+919730034567", Language: "en"},
	}
	for i := range ps {
		ps[i].PhoneShown = shownPhone(ps[i].Phone)
		ps[i].Leads = []leadView{}
		for _, u := range sampleUnlocks() {
			if u.provider == ps[i].ProviderID {
				ps[i].Leads = append(ps[i].Leads, leadView{LeadID: u.lead, Coins: u.coins, Category: u.category})
			}
		}
	}
	return ps
}

// shownPhone writes an Indian E.164 number as people do, +91 98100 12345;
// any other number stays as it is.
func shownPhone(e164 string) string {
	if len(e164) == 13 && strings.HasPrefix(e164, "+91") {
		return e164[:3] + " " + e164[3:8] + " " + e164[8:]
	}
	return e164
}

// contactPhone is the phone number as Telegram clients share it: digits
// only, without the plus.
func (p persona) contactPhone() string { return strings.TrimPrefix(p.Phone, "+") }

// agentView is a member of the fake Slack workspace the page can play.
type agentView struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Approver bool   `json:"approver"`
}

// demoAgents lists the fake workspace's members, approvers first marked.
func demoAgents(approvers []string) []agentView {
	out := make([]agentView, 0, len(world.FakeAgents()))
	for _, u := range world.FakeAgents() {
		out = append(out, agentView{ID: u.ID, Name: u.Name, Approver: slices.Contains(approvers, u.ID)})
	}
	return out
}

// sampleShot is a bundled screenshot the provider can attach.
type sampleShot struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// sampleShots are the screenshots bundled in playground/samples.
func sampleShots() []sampleShot {
	out := []sampleShot{
		{Name: "call-log.png", Title: "Call log: number not reachable"},
		{Name: "chat.png", Title: "Chat: client says they never posted"},
		{Name: "duplicate.png", Title: "Two identical leads"},
	}
	for i := range out {
		out[i].URL = "/samples/" + out[i].Name
	}
	return out
}
