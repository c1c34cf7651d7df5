package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// providerRec is the stored form of a provider.
type providerRec struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Phone          string    `json:"phone"`
	Language       string    `json:"language"`
	TelegramUserID int64     `json:"telegram_user_id,omitempty"`
	LinkedAt       time.Time `json:"linked_at,omitzero"`
}

func (r providerRec) domain() conversations.Provider {
	return conversations.Provider{ID: r.ID, Name: r.Name, Phone: r.Phone, Language: policy.Lang(r.Language),
		TelegramUserID: r.TelegramUserID, LinkedAt: r.LinkedAt}
}

func validLang(l policy.Lang) bool { return conversations.ValidLang(l) }

// UpsertProviders writes providers in one transaction, all or nothing.
// Phones are normalised to E.164 and must be unique across providers;
// language defaults to "en". A new provider gets a wallet, with an opening
// entry (key "opening:<id>") when OpeningBalance > 0. Re-upserting updates
// name, phone and language only: the wallet and the Telegram link stay.
func (db *DB) UpsertProviders(ctx context.Context, ps []conversations.Provider, at time.Time) error {
	return db.update(ctx, "upsert providers", func(tx *bolt.Tx) error {
		for _, p := range ps {
			if err := db.upsertProvider(tx, p, at); err != nil {
				return fmt.Errorf("provider %q: %w", p.ID, err)
			}
		}
		return nil
	})
}

func (db *DB) upsertProvider(tx *bolt.Tx, p conversations.Provider, at time.Time) error {
	p, err := conversations.CheckStoreProvider(p)
	if err != nil {
		return err
	}
	phone, err := NormalizePhone(p.Phone, db.region)
	if err != nil {
		return err
	}
	phones := tx.Bucket(bPhones)
	if owner := phones.Get([]byte(phone)); owner != nil && string(owner) != p.ID {
		return fmt.Errorf("phone already belongs to provider %q: %w", owner, conversations.ErrInvalid)
	}
	rec := providerRec{ID: p.ID, Name: p.Name, Phone: phone, Language: string(p.Language)}
	old, found, err := getProvider(tx, p.ID)
	if err != nil {
		return err
	}
	if found {
		rec.TelegramUserID, rec.LinkedAt = old.TelegramUserID, old.LinkedAt
		if old.Phone != phone {
			if err := phones.Delete([]byte(old.Phone)); err != nil {
				return err
			}
		}
	}
	if err := phones.Put([]byte(phone), []byte(p.ID)); err != nil {
		return err
	}
	if err := putJSON(tx.Bucket(bProviders), []byte(p.ID), rec); err != nil {
		return err
	}
	if tx.Bucket(bWallets).Get([]byte(p.ID)) != nil {
		return nil
	}
	if err := putJSON(tx.Bucket(bWallets), []byte(p.ID), walletRec{}); err != nil {
		return err
	}
	e, ok := conversations.OpeningEntry(p, at)
	if !ok {
		return nil
	}
	_, err = appendEntry(tx, e)
	return err
}

// Provider returns a provider by ID, or ErrNotFound.
func (db *DB) Provider(ctx context.Context, id string) (conversations.Provider, error) {
	var p conversations.Provider
	err := db.view(ctx, "provider "+id, func(tx *bolt.Tx) error {
		r, found, err := getProvider(tx, id)
		if err != nil {
			return err
		}
		if !found {
			return conversations.ErrNotFound
		}
		p = r.domain()
		return nil
	})
	return p, err
}

// ProviderByPhone normalises phone to E.164 and returns its provider, or
// ErrNotFound (ErrInvalid for a number that is not valid).
func (db *DB) ProviderByPhone(ctx context.Context, phone string) (conversations.Provider, error) {
	e164, err := NormalizePhone(phone, db.region)
	if err != nil {
		return conversations.Provider{}, fmt.Errorf("provider by phone: %w", err)
	}
	return db.providerByIndex(ctx, "provider by phone", bPhones, []byte(e164))
}

// ProviderByTelegram returns the provider linked to a Telegram user, or
// ErrNotFound.
func (db *DB) ProviderByTelegram(ctx context.Context, userID int64) (conversations.Provider, error) {
	return db.providerByIndex(ctx, "provider by telegram user", bTelegram, i64(userID))
}

func (db *DB) providerByIndex(ctx context.Context, op string, bucket, key []byte) (conversations.Provider, error) {
	var p conversations.Provider
	err := db.view(ctx, op, func(tx *bolt.Tx) error {
		id := tx.Bucket(bucket).Get(key)
		if id == nil {
			return conversations.ErrNotFound
		}
		r, found, err := getProvider(tx, string(id))
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("index points to missing provider %q: %w", id, conversations.ErrNotFound)
		}
		p = r.domain()
		return nil
	})
	return p, err
}

// LinkTelegram links userID to a provider. The provider's previous account
// is unlinked, and so is any other provider the user was linked to. It
// is a step of the dialogue and shares the group commit: the function
// only reads and writes its transaction, so a rerun is harmless.
func (db *DB) LinkTelegram(ctx context.Context, providerID string, userID int64, at time.Time) error {
	if userID == 0 {
		return fmt.Errorf("link telegram: user ID 0: %w", conversations.ErrInvalid)
	}
	return db.batch(ctx, "link telegram to "+providerID, func(tx *bolt.Tx) error {
		return linkTelegram(tx, providerID, userID, at)
	})
}

// linkTelegram links userID to a provider inside tx (see LinkTelegram).
func linkTelegram(tx *bolt.Tx, providerID string, userID int64, at time.Time) error {
	r, found, err := getProvider(tx, providerID)
	if err != nil {
		return err
	}
	if !found {
		return conversations.ErrNotFound
	}
	idx := tx.Bucket(bTelegram)
	if prev := idx.Get(i64(userID)); prev != nil && string(prev) != providerID {
		other, ok, err := getProvider(tx, string(prev))
		if err != nil {
			return err
		}
		if ok {
			other.TelegramUserID, other.LinkedAt = 0, time.Time{}
			if err := putJSON(tx.Bucket(bProviders), []byte(other.ID), other); err != nil {
				return err
			}
		}
	}
	if r.TelegramUserID != 0 && r.TelegramUserID != userID {
		if err := idx.Delete(i64(r.TelegramUserID)); err != nil {
			return err
		}
	}
	r.TelegramUserID, r.LinkedAt = userID, at
	if err := idx.Put(i64(userID), []byte(providerID)); err != nil {
		return err
	}
	return putJSON(tx.Bucket(bProviders), []byte(providerID), r)
}

// SetLanguage sets a provider's language ("en" or "hi").
func (db *DB) SetLanguage(ctx context.Context, providerID string, lang policy.Lang) error {
	if !validLang(lang) {
		return fmt.Errorf("set language %q: %w", lang, conversations.ErrInvalid)
	}
	return db.batch(ctx, "set language of "+providerID, func(tx *bolt.Tx) error {
		r, found, err := getProvider(tx, providerID)
		if err != nil {
			return err
		}
		if !found {
			return conversations.ErrNotFound
		}
		r.Language = string(lang)
		return putJSON(tx.Bucket(bProviders), []byte(providerID), r)
	})
}

func getProvider(tx *bolt.Tx, id string) (providerRec, bool, error) {
	var r providerRec
	found, err := getJSON(tx.Bucket(bProviders), []byte(id), &r)
	return r, found, err
}

// putJSON encodes v and puts it under key.
func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return b.Put(key, data)
}

// getJSON decodes the value under key into v; found is false when absent.
// json.Unmarshal copies, so nothing of the transaction's memory escapes.
func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("decode %q: %w", key, err)
	}
	return true, nil
}

// jsonDecode decodes a stored value (copying it out of the transaction).
func jsonDecode(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode record: %w", err)
	}
	return nil
}
