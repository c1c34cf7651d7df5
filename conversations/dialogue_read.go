package conversations

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// stepIn is everything a step may look at, read before it runs.
type stepIn struct {
	Event   Event
	Session Session
	// Fresh: no session was stored for this chat.
	Fresh  bool
	Now    time.Time
	Policy policy.Config
	// Provider is the provider linked to the sender's Telegram account.
	Provider *Provider
	// Contact is the provider registered with a shared contact's number.
	Contact *Provider
	// Leads holds what storage knows of each lead ID the step checks.
	Leads map[string]leadFact
	// Cases are the provider's cases, newest first (status, answers).
	Cases []Case
	// Wallet is the provider's wallet (balance).
	Wallet *Wallet
	// Unlocks are the provider's unlocks, for the lead buttons.
	Unlocks []Unlock
}

// leadFact is what storage knows of one lead ID.
type leadFact struct {
	Own    *Unlock // this provider's unlock, if any
	Others bool    // someone else unlocked it
}

// read gathers the facts of a step: the session, the linked provider and
// whatever the event needs (a contact's provider, lead unlocks, cases, the
// wallet). It only reads.
func (e *Engine) read(ctx context.Context, ev Event) (stepIn, error) {
	in := stepIn{Event: ev, Now: e.o.Clock.Now().In(e.o.Location), Policy: e.o.Policy}
	s, ok, err := e.o.Store.Session(ctx, ev.ChatID)
	if err != nil {
		return in, fmt.Errorf("read session: %w", err)
	}
	in.Session, in.Fresh = s, !ok
	if p, err := e.o.Store.ProviderByTelegram(ctx, ev.UserID); err == nil {
		in.Provider = &p
	} else if !errors.Is(err, ErrNotFound) {
		return in, fmt.Errorf("read provider: %w", err)
	}
	if ev.Kind == EvContact && ev.Contact != nil && ownContact(ev) {
		if p, err := e.o.Store.ProviderByPhone(ctx, ev.Contact.Phone); err == nil {
			in.Contact = &p
		} else if !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrInvalid) {
			return in, fmt.Errorf("read provider by phone: %w", err)
		}
	}
	if lead := in.Session.PendingLead; lead != "" && in.Contact != nil && !in.Fresh {
		// Linking now goes on with the deep link's lead: check it for
		// the provider the contact names.
		f, err := e.readLead(ctx, in.Contact.ID, lead)
		if err != nil {
			return in, err
		}
		in.Leads = map[string]leadFact{lead: f}
	}
	if in.Provider == nil {
		return in, nil
	}
	pid := in.Provider.ID
	if needsUnlocks(in) {
		if in.Unlocks, err = e.o.Store.Unlocks(ctx, pid); err != nil {
			return in, fmt.Errorf("read unlocks: %w", err)
		}
	}
	if ids := leadsToCheck(in); len(ids) > 0 {
		in.Leads = make(map[string]leadFact, len(ids))
		for _, id := range ids {
			f, err := e.readLead(ctx, pid, id)
			if err != nil {
				return in, err
			}
			in.Leads[id] = f
		}
	}
	if needsCases(in) {
		if in.Cases, err = e.o.Store.Cases(ctx, pid); err != nil {
			return in, fmt.Errorf("read cases: %w", err)
		}
	}
	if ev.Kind == EvCommand && ev.Command == "balance" || ev.Kind == EvCallback && isMenuCallback(ev.Data, "balance") {
		w, err := e.o.Store.Wallet(ctx, pid)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return in, fmt.Errorf("read wallet: %w", err)
		}
		in.Wallet = &w
	}
	return in, nil
}

func (e *Engine) readLead(ctx context.Context, providerID, id string) (leadFact, error) {
	var f leadFact
	u, err := e.o.Store.Unlock(ctx, providerID, id)
	switch {
	case err == nil:
		f.Own = &u
		return f, nil
	case !errors.Is(err, ErrNotFound):
		return f, fmt.Errorf("read unlock %s: %w", id, err)
	}
	all, err := e.o.Store.UnlockByLead(ctx, id)
	if err != nil {
		return f, fmt.Errorf("read unlocks of %s: %w", id, err)
	}
	f.Others = len(all) > 0
	return f, nil
}

// ownContact reports whether a shared contact is the sender's own number.
func ownContact(ev Event) bool {
	return ev.Contact != nil && !ev.Contact.Forwarded && ev.Contact.UserID != 0 && ev.Contact.UserID == ev.UserID
}
