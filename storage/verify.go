package storage

import (
	"context"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// Verify checks the invariants of the store in one read transaction and
// returns every problem found (none: the store is clean):
//   - each wallet's balance equals the sum of its entries, each entry's
//     Balance is the running sum, no balance is ever negative, and the
//     idempotency-key index agrees with the entries;
//   - each approved lead of an approved or partly approved case has exactly
//     one refund credit of its coins in the provider's wallet and its unlock
//     is RefundedIn that case; no other lead has one; Credited is their sum;
//   - every refund credit points to a case in which its lead is approved;
//   - every unlock has its debit; RefundedIn and OpenCase point to cases
//     that hold the lead in the right state; open cases reserve their leads
//     and the open-case and by-provider indexes agree with the cases;
//   - the phone, Telegram and lead indexes agree with their records, and
//     the evidence index with the files of the cases, and the similar-case
//     index with the open cases.
func (db *DB) Verify(ctx context.Context) ([]string, error) {
	v := &verifier{problems: []string{}}
	err := db.view(ctx, "verify", func(tx *bolt.Tx) error {
		v.tx = tx
		for _, check := range []func() error{v.providers, v.ledger, v.unlocks, v.cases, v.outbox, v.evidenceIndex, v.similarIndex} {
			if err := check(); err != nil {
				return err
			}
		}
		return nil
	})
	return v.problems, err
}

type verifier struct {
	tx       *bolt.Tx
	problems []string
	cache    map[string]conversations.Case // decoded cases by ID
}

// caseByID loads a case once per Verify run.
func (v *verifier) caseByID(id string) (conversations.Case, error) {
	if c, ok := v.cache[id]; ok {
		return c, nil
	}
	c, err := mustCase(v.tx, id)
	if err == nil {
		if v.cache == nil {
			v.cache = map[string]conversations.Case{}
		}
		v.cache[id] = c
	}
	return c, err
}

func (v *verifier) add(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

// providers checks the phone and Telegram indexes and that wallets exist.
func (v *verifier) providers() error {
	phones, tg, wallets := v.tx.Bucket(bPhones), v.tx.Bucket(bTelegram), v.tx.Bucket(bWallets)
	err := v.tx.Bucket(bProviders).ForEach(func(k, val []byte) error {
		var p providerRec
		if err := jsonDecode(val, &p); err != nil {
			return err
		}
		if p.ID != string(k) {
			v.add("provider record %q holds ID %q", k, p.ID)
		}
		if owner := phones.Get([]byte(p.Phone)); string(owner) != p.ID {
			v.add("provider %s: phone index points to %q", p.ID, owner)
		}
		if p.TelegramUserID != 0 {
			if owner := tg.Get(i64(p.TelegramUserID)); string(owner) != p.ID {
				v.add("provider %s: telegram index points to %q", p.ID, owner)
			}
		}
		if wallets.Get(k) == nil {
			v.add("provider %s has no wallet", p.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = phones.ForEach(func(k, id []byte) error {
		p, found, err := getProvider(v.tx, string(id))
		if err == nil && (!found || p.Phone != string(k)) {
			v.add("phone index entry for provider %q does not match its record", id)
		}
		return err
	})
	if err != nil {
		return err
	}
	return tg.ForEach(func(k, id []byte) error {
		p, found, err := getProvider(v.tx, string(id))
		if err == nil && (!found || p.TelegramUserID != fromI64(k)) {
			v.add("telegram index entry %d → %q does not match its record", fromI64(k), id)
		}
		return err
	})
}

// ledger checks balances, running sums, keys and refund credits.
func (v *verifier) ledger() error {
	sums := map[string]int64{}
	counts := map[string]uint64{}
	keys := v.tx.Bucket(bEntryKeys)
	err := v.tx.Bucket(bEntries).ForEach(func(k, val []byte) error {
		var e entryRec
		if err := jsonDecode(val, &e); err != nil {
			return err
		}
		if string(k) != string(join(e.ProviderID, u64(e.Seq))) {
			v.add("entry %d of %s is stored under the wrong key", e.Seq, e.ProviderID)
		}
		sums[e.ProviderID] += e.Coins
		counts[e.ProviderID]++
		if e.Balance != sums[e.ProviderID] {
			v.add("wallet %s entry %d: balance %d, running sum %d", e.ProviderID, e.Seq, e.Balance, sums[e.ProviderID])
		}
		if sums[e.ProviderID] < 0 {
			v.add("wallet %s negative (%d) after entry %d", e.ProviderID, sums[e.ProviderID], e.Seq)
		}
		if seq := keys.Get(join(e.ProviderID, []byte(e.Key))); seq == nil || seqOf(seq) != e.Seq {
			v.add("wallet %s entry %d: key %q not indexed to it", e.ProviderID, e.Seq, e.Key)
		}
		if e.Kind == string(conversations.EntryRefund) {
			v.refundEntry(e)
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = v.tx.Bucket(bWallets).ForEach(func(k, val []byte) error {
		var w walletRec
		if err := jsonDecode(val, &w); err != nil {
			return err
		}
		id := string(k)
		if w.Balance != sums[id] || w.Entries != counts[id] {
			v.add("wallet %s: balance %d over %d entries, entries sum to %d over %d", id, w.Balance, w.Entries, sums[id], counts[id])
		}
		if w.Balance < 0 {
			v.add("wallet %s: negative balance %d", id, w.Balance)
		}
		delete(sums, id)
		return nil
	})
	if err != nil {
		return err
	}
	for id := range sums {
		v.add("entries of %s without a wallet", id)
	}
	return keys.ForEach(func(k, seq []byte) error {
		i := strings.IndexByte(string(k), 0)
		var val []byte
		if i >= 0 {
			val = v.tx.Bucket(bEntries).Get(join(string(k[:i]), seq))
		}
		if val == nil {
			v.add("key index entry %q points to no entry", k)
			return nil
		}
		// An index entry must name its entry's own key, or a credit with
		// that key would be answered with another entry as its original.
		var e entryRec
		if err := jsonDecode(val, &e); err != nil {
			return err
		}
		if e.Key != string(k[i+1:]) {
			v.add("key index entry %q points to entry %d of %s, whose key is %q", k, e.Seq, e.ProviderID, e.Key)
		}
		return nil
	})
}

// refundEntry checks that a refund credit points to an approved lead.
func (v *verifier) refundEntry(e entryRec) {
	rest, ok := strings.CutPrefix(e.Key, "refund:"+e.Ref+":")
	if !ok {
		v.add("refund entry %d of %s: key %q does not match case %q", e.Seq, e.ProviderID, e.Key, e.Ref)
		return
	}
	c, err := v.caseByID(e.Ref)
	if err != nil {
		v.add("refund entry %d of %s: case %s: %v", e.Seq, e.ProviderID, e.Ref, err)
		return
	}
	if c.ProviderID != e.ProviderID || !creditedState(c.State) {
		v.add("refund entry %d of %s: case %s is %s, of provider %s", e.Seq, e.ProviderID, c.ID, c.State, c.ProviderID)
	}
	for _, l := range c.Leads {
		if l.LeadID == rest {
			if l.Decision != policy.LeadApproved || l.Coins != e.Coins {
				v.add("refund entry %d of %s: lead %s of %s is %s for %d coins, credit %d", e.Seq, e.ProviderID, rest, c.ID, l.Decision, l.Coins, e.Coins)
			}
			return
		}
	}
	v.add("refund entry %d of %s: lead %s is not in %s", e.Seq, e.ProviderID, rest, c.ID)
}

func creditedState(s policy.State) bool {
	return s == policy.StateApproved || s == policy.StatePartlyApproved
}
