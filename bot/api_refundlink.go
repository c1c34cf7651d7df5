package bot

import (
	"errors"
	"net/http"
	"strings"

	"github.com/rockerstop/refundbot/conversations"
)

// refundLink is the body of GET /api/v1/refund-link.
type refundLink struct {
	URL string `json:"url"`
}

// getRefundLink answers GET /api/v1/refund-link?provider_id=P&lead_id=L
// with the Telegram deep link that opens a refund of lead L in the bot's
// chat: {"url": "https://t.me/<bot>?start=refund_L"}. The provider must
// exist and have unlocked the lead (else 404); a lead that can no longer
// be refunded still gets its link, and the bot explains in the chat. Until
// the bot's username is known (getMe), 503 with Retry-After.
func (a *platformAPI) getRefundLink(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pid, lead := strings.TrimSpace(q.Get("provider_id")), strings.ToUpper(strings.TrimSpace(q.Get("lead_id")))
	if pid == "" || lead == "" {
		writeError(w, http.StatusBadRequest, apiError{Error: "provider_id and lead_id are both required"})
		return
	}
	if _, err := a.o.Store.Provider(r.Context(), pid); errors.Is(err, conversations.ErrNotFound) {
		writeError(w, http.StatusNotFound, apiError{Error: "no provider " + pid})
		return
	} else if err != nil {
		a.serverError(w, "read provider", err)
		return
	}
	if _, err := a.o.Store.Unlock(r.Context(), pid, lead); errors.Is(err, conversations.ErrNotFound) {
		writeError(w, http.StatusNotFound, apiError{Error: "provider " + pid + " never unlocked lead " + lead})
		return
	} else if err != nil {
		a.serverError(w, "read unlock", err)
		return
	}
	param, ok := conversations.DeepLinkParam(lead)
	if !ok {
		writeError(w, http.StatusBadRequest, apiError{Error: "lead ID " + lead + " cannot travel in a Telegram deep link"})
		return
	}
	name := ""
	if a.o.BotUsername != nil {
		name = a.o.BotUsername()
	}
	if name == "" {
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, apiError{Error: "the bot's Telegram username is not known yet; try again in a few seconds"})
		return
	}
	writeJSON(w, http.StatusOK, refundLink{URL: "https://t.me/" + name + "?start=" + param})
}
