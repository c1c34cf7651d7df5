package tgfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// params are a call's parameters as strings, whatever the body encoding:
// form fields as sent, JSON strings unquoted, other JSON values as their
// JSON text (so reply_markup reads the same from a form field or JSON).
type params map[string]string

func parseParams(r *http.Request) (params, error) {
	p := params{}
	switch mediaType(r) {
	case "multipart/form-data":
		err := r.ParseMultipartForm(32 << 20)
		if errors.Is(err, io.EOF) {
			return p, nil // the library sends an empty body for calls without parameters
		}
		if err != nil {
			return nil, fmt.Errorf("can't parse multipart body: %w", err)
		}
		for k, v := range r.MultipartForm.Value {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
	case "application/json":
		body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(body)) == 0 {
			return p, nil
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, fmt.Errorf("can't parse JSON body: %w", err)
		}
		for k, raw := range m {
			var str string
			if json.Unmarshal(raw, &str) == nil {
				p[k] = str
			} else {
				p[k] = string(raw)
			}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("can't parse form body: %w", err)
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
	}
	return p, nil
}

func (p params) int64(name string) (int64, *apiError) {
	v, ok := p[name]
	if !ok || v == "" {
		return 0, badRequest("%s is empty", name)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, badRequest("invalid %s specified", name)
	}
	return n, nil
}

func (p params) optInt(name string, def int) int {
	n, err := strconv.Atoi(p[name])
	if err != nil {
		return def
	}
	return n
}

func (p params) bool(name string) bool {
	b, _ := strconv.ParseBool(p[name])
	return b
}
