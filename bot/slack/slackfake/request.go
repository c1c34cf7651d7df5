package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// maxAPIBody bounds a Web API request body, like Slack's own limits.
const maxAPIBody = 4 << 20

// request is one Web API call with its arguments, from a form or JSON body.
type request struct {
	token string
	form  url.Values
	json  map[string]any
}

func parseRequest(r *http.Request) (*request, error) {
	req := &request{}
	if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
		req.token = strings.TrimPrefix(auth, "Bearer ")
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body, err := io.ReadAll(io.LimitReader(r.Body, maxAPIBody))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	switch ct {
	case "application/json":
		// A method without arguments may come as an empty JSON body
		// (slack-go's apps.connections.open sends none); Slack takes it.
		if len(strings.TrimSpace(string(body))) == 0 {
			req.json = map[string]any{}
			break
		}
		if err := json.Unmarshal(body, &req.json); err != nil {
			return nil, fmt.Errorf("decode json: %w", err)
		}
	default:
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("decode form: %w", err)
		}
		for k, v := range r.URL.Query() {
			form[k] = append(form[k], v...)
		}
		req.form = form
		if t := form.Get("token"); t != "" && req.token == "" {
			req.token = t
		}
	}
	return req, nil
}

// str returns a scalar argument as a string.
func (r *request) str(key string) string {
	if r.json != nil {
		switch v := r.json[key].(type) {
		case string:
			return v
		case nil:
			return ""
		default:
			b, _ := json.Marshal(v)
			return string(b)
		}
	}
	return r.form.Get(key)
}

// has reports whether the argument was sent at all.
func (r *request) has(key string) bool {
	if r.json != nil {
		_, ok := r.json[key]
		return ok
	}
	_, ok := r.form[key]
	return ok
}

// raw returns an argument that holds JSON (a form field with a JSON string,
// or a nested JSON value), or nil when absent.
func (r *request) raw(key string) (json.RawMessage, error) {
	if r.json != nil {
		v, ok := r.json[key]
		if !ok || v == nil {
			return nil, nil
		}
		if s, ok := v.(string); ok {
			return json.RawMessage(s), nil
		}
		b, err := json.Marshal(v)
		return b, err
	}
	s := r.form.Get(key)
	if s == "" {
		return nil, nil
	}
	if !json.Valid([]byte(s)) {
		return nil, fmt.Errorf("%s is not valid JSON", key)
	}
	return json.RawMessage(s), nil
}
