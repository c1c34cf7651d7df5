package etcdstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// upsertProvider writes one provider inside t: checked by
// conversations.CheckStoreProvider, phone normalised and unique, the
// Telegram link kept, and a new wallet with its opening entry once.
func (s *Store) upsertProvider(t *txn, p conversations.Provider, at time.Time) error {
	p, err := conversations.CheckStoreProvider(p)
	if err != nil {
		return err
	}
	phone, err := s.phone(p.Phone)
	if err != nil {
		return err
	}
	owner, found, err := t.get(s.k(bPhones, phone))
	if err != nil {
		return err
	}
	if found && owner != p.ID {
		return fmt.Errorf("phone already belongs to provider %q: %w", owner, conversations.ErrInvalid)
	}
	rec := conversations.Provider{ID: p.ID, Name: p.Name, Phone: phone, Language: p.Language}
	var old conversations.Provider
	if found, err := t.getJSON(s.k(bProviders, p.ID), &old); err != nil {
		return err
	} else if found {
		rec.TelegramUserID, rec.LinkedAt = old.TelegramUserID, old.LinkedAt
		if old.Phone != phone {
			t.del(s.k(bPhones, old.Phone))
		}
	}
	t.put(s.k(bPhones, phone), p.ID)
	if err := t.putJSON(s.k(bProviders, p.ID), rec); err != nil {
		return err
	}
	if _, found, err := t.get(s.k(bWallets, p.ID)); err != nil || found {
		return err
	}
	if err := t.putJSON(s.k(bWallets, p.ID), walletRec{}); err != nil {
		return err
	}
	e, ok := conversations.OpeningEntry(p, at)
	if !ok {
		return nil
	}
	_, err = s.appendEntry(t, e)
	return err
}

// Provider returns a provider by ID, or ErrNotFound.
func (s *Store) Provider(ctx context.Context, id string) (conversations.Provider, error) {
	var p conversations.Provider
	found, err := s.getJSON(ctx, s.k(bProviders, id), &p)
	if err == nil && !found {
		err = conversations.ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("provider %s: %w", id, err)
	}
	return p, nil
}

// ProviderByPhone normalises phone to E.164 and looks it up.
func (s *Store) ProviderByPhone(ctx context.Context, phone string) (conversations.Provider, error) {
	e164, err := s.phone(phone)
	if err != nil {
		return conversations.Provider{}, fmt.Errorf("provider by phone: %w", err)
	}
	return s.providerByIndex(ctx, "provider by phone", s.k(bPhones, e164))
}

// ProviderByTelegram finds the provider linked to a Telegram user.
func (s *Store) ProviderByTelegram(ctx context.Context, userID int64) (conversations.Provider, error) {
	return s.providerByIndex(ctx, "provider by telegram user", s.k(bTelegram, i64(userID)))
}

func (s *Store) providerByIndex(ctx context.Context, op, key string) (conversations.Provider, error) {
	resp, err := s.cli.Get(ctx, key)
	if err != nil {
		return conversations.Provider{}, fmt.Errorf("%s: %w", op, err)
	}
	if len(resp.Kvs) == 0 {
		return conversations.Provider{}, fmt.Errorf("%s: %w", op, conversations.ErrNotFound)
	}
	return s.Provider(ctx, string(resp.Kvs[0].Value))
}

// LinkTelegram links a Telegram user to a provider, unlinking whatever
// provider that user was linked to and the provider's previous account.
func (s *Store) LinkTelegram(ctx context.Context, providerID string, userID int64, at time.Time) error {
	if userID == 0 {
		return fmt.Errorf("link telegram: user ID 0: %w", conversations.ErrInvalid)
	}
	return s.update(ctx, "link telegram to "+providerID, func(t *txn) error {
		var p conversations.Provider
		if found, err := t.getJSON(s.k(bProviders, providerID), &p); err != nil {
			return err
		} else if !found {
			return conversations.ErrNotFound
		}
		prev, found, err := t.get(s.k(bTelegram, i64(userID)))
		if err != nil {
			return err
		}
		if found && prev != providerID {
			var other conversations.Provider
			if ok, err := t.getJSON(s.k(bProviders, prev), &other); err != nil {
				return err
			} else if ok {
				other.TelegramUserID, other.LinkedAt = 0, time.Time{}
				if err := t.putJSON(s.k(bProviders, prev), other); err != nil {
					return err
				}
			}
		}
		if p.TelegramUserID != 0 && p.TelegramUserID != userID {
			t.del(s.k(bTelegram, i64(p.TelegramUserID)))
		}
		p.TelegramUserID, p.LinkedAt = userID, at
		t.put(s.k(bTelegram, i64(userID)), providerID)
		return t.putJSON(s.k(bProviders, providerID), p)
	})
}

// SetLanguage records a provider's language.
func (s *Store) SetLanguage(ctx context.Context, providerID string, lang policy.Lang) error {
	if !conversations.ValidLang(lang) {
		return fmt.Errorf("set language %q: %w", lang, conversations.ErrInvalid)
	}
	return s.update(ctx, "set language of "+providerID, func(t *txn) error {
		var p conversations.Provider
		if found, err := t.getJSON(s.k(bProviders, providerID), &p); err != nil {
			return err
		} else if !found {
			return conversations.ErrNotFound
		}
		p.Language = lang
		return t.putJSON(s.k(bProviders, providerID), p)
	})
}

// recordUnlock records one unlock inside t and debits the wallet once;
// fresh is false for a harmless repeat.
func (s *Store) recordUnlock(t *txn, u conversations.Unlock) (fresh bool, err error) {
	u, err = conversations.CheckStoreUnlock(u)
	if err != nil {
		return false, err
	}
	if _, found, err := t.get(s.k(bProviders, u.ProviderID)); err != nil {
		return false, err
	} else if !found {
		return false, fmt.Errorf("provider: %w", conversations.ErrNotFound)
	}
	key := s.k(bUnlocks, join(u.ProviderID, u.LeadID))
	var old conversations.Unlock
	if found, err := t.getJSON(key, &old); err != nil {
		return false, err
	} else if found {
		return false, conversations.CheckUnlockRepeat(old, u)
	}
	u.OpenCase, u.RefundedIn = "", ""
	if err := t.putJSON(key, u); err != nil {
		return false, err
	}
	t.put(s.k(bUnlocksByLead, join(u.LeadID, u.ProviderID)), "")
	_, err = s.appendEntry(t, conversations.UnlockEntry(u))
	return true, err
}

// Unlock returns one provider's unlock of a lead, or ErrNotFound.
func (s *Store) Unlock(ctx context.Context, providerID, leadID string) (conversations.Unlock, error) {
	var u conversations.Unlock
	lead := conversations.NormalizeLead(leadID)
	found, err := s.getJSON(ctx, s.k(bUnlocks, join(providerID, lead)), &u)
	if err == nil && !found {
		err = conversations.ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("unlock %s/%s: %w", providerID, lead, err)
	}
	return u, nil
}

// UnlockByLead finds every provider's unlock of a lead.
func (s *Store) UnlockByLead(ctx context.Context, leadID string) ([]conversations.Unlock, error) {
	lead := conversations.NormalizeLead(leadID)
	kvs, rev, err := s.list(ctx, s.k(bUnlocksByLead, join(lead, "")), 0, 0)
	if err != nil {
		return nil, fmt.Errorf("unlocks of lead %s: %w", lead, err)
	}
	keys := make([]string, len(kvs))
	for i, kv := range kvs {
		keys[i] = s.k(bUnlocks, join(kv.Key, lead))
	}
	return s.unlocksAt(ctx, keys, rev)
}

// Unlocks lists a provider's unlocks in lead order.
func (s *Store) Unlocks(ctx context.Context, providerID string) ([]conversations.Unlock, error) {
	kvs, _, err := s.list(ctx, s.k(bUnlocks, join(providerID, "")), 0, 0)
	if err != nil {
		return nil, fmt.Errorf("unlocks of %s: %w", providerID, err)
	}
	return decodeAll[conversations.Unlock](kvs)
}

func (s *Store) unlocksAt(ctx context.Context, keys []string, rev int64) ([]conversations.Unlock, error) {
	vals, found, err := s.getMany(ctx, keys, rev)
	if err != nil {
		return nil, err
	}
	out := []conversations.Unlock{}
	for i, v := range vals {
		if !found[i] {
			continue
		}
		var u conversations.Unlock
		if err := jsonDecode([]byte(v), &u); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

func jsonDecode(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode record: %w", err)
	}
	return nil
}
