package bot

import (
	"context"
	"errors"
	"net/http"

	"github.com/rockerstop/refundbot/conversations"
)

// writeResult is the answer to a successful POST: what the rows did.
// Unlocks are never updated (a recorded unlock never changes).
type writeResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// addFunc checks the row at index i into a batch.
type addFunc func(ctx context.Context, i int, row map[string]string) error

// readRows reads and decodes the body; false means the answer was sent.
func readRows(w http.ResponseWriter, r *http.Request, fields []string) ([]map[string]string, bool) {
	body, problem, status := readBody(w, r)
	if problem != nil {
		writeError(w, status, *problem)
		return nil, false
	}
	rows, problem := decodeRows(body, fields)
	if problem != nil {
		writeError(w, http.StatusBadRequest, *problem)
		return nil, false
	}
	return rows, true
}

// checkRows adds every row to a batch and answers the first bad one with
// 400 (index, field), or a store failure with 500; false means the answer
// was sent and nothing is to be written.
func (a *platformAPI) checkRows(w http.ResponseWriter, r *http.Request, op string, rows []map[string]string, add addFunc) bool {
	for i, row := range rows {
		err := add(r.Context(), i, row)
		var re *conversations.RowError
		switch {
		case errors.As(err, &re):
			writeError(w, http.StatusBadRequest, *rowProblem(i, re.Field, "%s", re.Msg))
			return false
		case err != nil:
			a.serverError(w, op, err)
			return false
		}
	}
	return true
}

// refused answers a write that storage refused although every row passed
// the checks, because the stored data changed in between (this API's own
// writes are serialised, so only another writer can do that). The rows
// are checked again, with a fresh batch, to name the one at fault; field
// is the fault's field when no row can be named.
func (a *platformAPI) refused(w http.ResponseWriter, r *http.Request, op string, err error, field string, rows []map[string]string, add addFunc) {
	a.log.Warn("write refused after the checks passed", "op", op, "err", err)
	for i, row := range rows {
		var re *conversations.RowError
		if errors.As(add(r.Context(), i, row), &re) {
			writeError(w, http.StatusBadRequest, *rowProblem(i, re.Field, "%s", re.Msg))
			return
		}
	}
	writeError(w, http.StatusBadRequest, apiError{Error: "nothing written: " + err.Error(), Field: field})
}

func (a *platformAPI) serverError(w http.ResponseWriter, op string, err error) {
	a.log.Error("platform API failed", "op", op, "err", err)
	writeError(w, http.StatusInternalServerError, apiError{Error: "internal error: " + op + " failed; see the server log"})
}

// allFields joins the required and optional fields of a row.
func allFields(required, optional []string) []string {
	return append(append([]string{}, required...), optional...)
}

// lookup adapts a decoded row to ProviderRowOf / UnlockRowOf.
func lookup(row map[string]string) func(string) string {
	return func(field string) string { return row[field] }
}

func (a *platformAPI) postProviders(w http.ResponseWriter, r *http.Request) {
	rows, ok := readRows(w, r, allFields(conversations.ProviderColumns()))
	if !ok {
		return
	}
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	batch := func() (*conversations.ProviderBatch, addFunc) {
		b := conversations.NewProviderBatch(a.o.Store, a.o.NormalizePhone, "index")
		return b, func(ctx context.Context, i int, row map[string]string) error {
			return b.Add(ctx, i, conversations.ProviderRowOf(lookup(row)))
		}
	}
	b, add := batch()
	if !a.checkRows(w, r, "check providers", rows, add) {
		return
	}
	if ps := b.Providers(); len(ps) > 0 {
		err := a.o.Store.UpsertProviders(r.Context(), ps, a.o.Clock.Now())
		switch {
		case errors.Is(err, conversations.ErrInvalid):
			_, again := batch()
			a.refused(w, r, "upsert providers", err, "", rows, again)
			return
		case err != nil:
			a.serverError(w, "upsert providers", err)
			return
		}
	}
	a.log.Info("providers upserted", "rows", len(rows), "created", b.New, "updated", b.Updated, "unchanged", b.Unchanged)
	writeJSON(w, http.StatusOK, writeResult{Created: b.New, Updated: b.Updated, Unchanged: b.Unchanged})
}

func (a *platformAPI) postUnlocks(w http.ResponseWriter, r *http.Request) {
	rows, ok := readRows(w, r, allFields(conversations.UnlockColumns()))
	if !ok {
		return
	}
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	now := a.o.Clock.Now()
	batch := func() (*conversations.UnlockBatch, addFunc) {
		b := conversations.NewUnlockBatch(a.o.Store, now, "index")
		return b, func(ctx context.Context, i int, row map[string]string) error {
			return b.Add(ctx, i, conversations.UnlockRowOf(lookup(row)))
		}
	}
	b, add := batch()
	if !a.checkRows(w, r, "check unlocks", rows, add) {
		return
	}
	created := 0
	if us := b.Unlocks(); len(us) > 0 {
		n, err := a.o.Store.RecordUnlocks(r.Context(), us)
		if err != nil {
			field := ""
			switch {
			case errors.Is(err, conversations.ErrInsufficientFunds):
				field = conversations.FieldCoins
			case errors.Is(err, conversations.ErrKeyConflict):
				field = conversations.FieldLeadID
			case errors.Is(err, conversations.ErrNotFound):
				field = conversations.FieldProviderID
			case errors.Is(err, conversations.ErrInvalid):
			default:
				a.serverError(w, "record unlocks", err)
				return
			}
			_, again := batch()
			a.refused(w, r, "record unlocks", err, field, rows, again)
			return
		}
		if n != b.New {
			a.log.Warn("recorded another number of unlocks than checked", "checked_new", b.New, "recorded", n)
		}
		created = n
	}
	a.log.Info("unlocks recorded", "rows", len(rows), "created", created, "unchanged", len(rows)-created)
	writeJSON(w, http.StatusOK, writeResult{Created: created, Unchanged: len(rows) - created})
}

func (a *platformAPI) getWallet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("provider_id")
	wal, err := a.o.Store.Wallet(r.Context(), id)
	switch {
	case errors.Is(err, conversations.ErrNotFound):
		writeError(w, http.StatusNotFound, apiError{Error: "no provider " + id})
	case err != nil:
		a.serverError(w, "read wallet", err)
	default:
		writeJSON(w, http.StatusOK, conversations.WalletJSON(wal))
	}
}

func (a *platformAPI) getCase(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("case_id")
	c, err := a.o.Store.Case(r.Context(), id)
	switch {
	case errors.Is(err, conversations.ErrNotFound):
		writeError(w, http.StatusNotFound, apiError{Error: "no case " + id + " (case IDs look like RF-12)"})
	case err != nil:
		a.serverError(w, "read case", err)
	default:
		writeJSON(w, http.StatusOK, conversations.CaseJSON(c))
	}
}
