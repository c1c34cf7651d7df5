package slackfake

import (
	"encoding/json"
	"fmt"
	"time"
)

// triggerTTL is how long a trigger_id may open a view, as in Slack.
const triggerTTL = 3 * time.Second

type trigger struct {
	user   string
	issued time.Time
	used   bool
}

// View is an open modal as the fake holds it.
type View struct {
	ID              string
	User            string
	CallbackID      string
	PrivateMetadata string
	Title           string
	// JSON is the whole view as Slack would send it back (id, blocks, ...).
	JSON json.RawMessage
}

type openView struct {
	id   string
	user string
	view map[string]any
}

// IssueTrigger registers a fresh trigger_id for user, as a click would.
func (s *Server) IssueTrigger(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issueTrigger(user)
}

func (s *Server) issueTrigger(user string) string {
	s.ids++
	id := fmt.Sprintf("%d.%d.%032x", tsBase, s.ids, s.ids*7919)
	s.triggers[id] = trigger{user: user, issued: s.opts.Now()}
	return id
}

// OpenViews returns the modals currently open, in no particular order.
func (s *Server) OpenViews() []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]View, 0, len(s.views))
	for _, v := range s.views {
		out = append(out, v.export())
	}
	return out
}

func (v *openView) export() View {
	raw, _ := json.Marshal(v.view)
	cb, _ := v.view["callback_id"].(string)
	pm, _ := v.view["private_metadata"].(string)
	var title string
	if t, ok := v.view["title"].(map[string]any); ok {
		title, _ = t["text"].(string)
	}
	return View{ID: v.id, User: v.user, CallbackID: cb, PrivateMetadata: pm, Title: title, JSON: raw}
}

func viewErr(err error) map[string]any {
	return map[string]any{"response_metadata": map[string]any{"messages": []string{"[ERROR] " + err.Error()}}}
}

func (s *Server) viewsOpen(r *request) (map[string]any, string) {
	view, ok := r.json["view"].(map[string]any)
	if r.json == nil {
		if raw, err := r.raw("view"); err == nil && raw != nil {
			ok = json.Unmarshal(raw, &view) == nil
		}
	}
	if !ok {
		return nil, "invalid_arguments"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.str("trigger_id")
	t, known := s.triggers[id]
	switch {
	case !known:
		return nil, "invalid_trigger_id"
	case t.used || s.opts.Now().Sub(t.issued) > triggerTTL:
		return nil, "expired_trigger_id"
	}
	if err := validateModal(view); err != nil {
		return viewErr(err), "invalid_arguments"
	}
	t.used = true
	s.triggers[id] = t
	ov := &openView{id: s.nextID("V"), user: t.user, view: view}
	ov.complete(s.opts.TeamID, s.opts.AppID)
	s.views[ov.id] = ov
	return map[string]any{"view": ov.view}, ""
}

// complete adds the fields Slack adds to a stored view.
func (v *openView) complete(team, app string) {
	v.view["id"] = v.id
	v.view["team_id"] = team
	v.view["app_id"] = app
	v.view["hash"] = fmt.Sprintf("%d.%s", tsBase, v.id)
	v.view["state"] = map[string]any{"values": map[string]any{}}
	if _, ok := v.view["private_metadata"]; !ok {
		v.view["private_metadata"] = ""
	}
	if _, ok := v.view["callback_id"]; !ok {
		v.view["callback_id"] = ""
	}
}

func (s *Server) viewsUpdate(r *request) (map[string]any, string) {
	view, ok := r.json["view"].(map[string]any)
	if !ok {
		return nil, "invalid_arguments"
	}
	if err := validateModal(view); err != nil {
		return viewErr(err), "invalid_arguments"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var ov *openView
	if id := r.str("view_id"); id != "" {
		ov = s.views[id]
	} else if ext := r.str("external_id"); ext != "" {
		for _, v := range s.views {
			if v.view["external_id"] == ext {
				ov = v
			}
		}
	}
	if ov == nil {
		return nil, "not_found"
	}
	ov.view = view
	ov.complete(s.opts.TeamID, s.opts.AppID)
	return map[string]any{"view": ov.view}, ""
}
