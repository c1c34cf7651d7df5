package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"unicode/utf8"

	"github.com/rockerstop/refundbot/conversations"
)

// apiError is every error body of the platform API. Index and Field are
// set for a bad row (Index 0 is the first element of the array).
type apiError struct {
	Error string `json:"error"`
	Index *int   `json:"index,omitempty"`
	Field string `json:"field,omitempty"`
}

// rowProblem is the apiError of the row at index i.
func rowProblem(i int, field, format string, args ...any) *apiError {
	return &apiError{Error: fmt.Sprintf(format, args...), Index: &i, Field: field}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client went away: nothing to do
}

func writeError(w http.ResponseWriter, status int, e apiError) { writeJSON(w, status, e) }

// numberField reports whether a row field is a JSON number (the others
// are JSON strings).
func numberField(field string) bool {
	return field == conversations.FieldCoins || field == conversations.FieldOpeningBalance
}

// readBody reads at most MaxAPIBody bytes; a larger body is 413.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError, int) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxAPIBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, &apiError{Error: fmt.Sprintf("the body is larger than %d bytes; send fewer rows per request", MaxAPIBody)},
			http.StatusRequestEntityTooLarge
	case err != nil:
		return nil, &apiError{Error: "cannot read the body"}, http.StatusBadRequest
	}
	return body, nil, 0
}

// decodeRows reads a JSON array of objects whose keys are among fields
// and returns each object as field → text: a string field's value, a
// number field's literal (so "1.5" and "1e3" reach the row checks and are
// refused there with the CSV import's message). null is an absent field.
// An unknown or repeated key, a value of the wrong JSON type, or anything
// but one array is an apiError naming the index and field.
func decodeRows(body []byte, fields []string) ([]map[string]string, *apiError) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	notArray := &apiError{Error: "the body must be a JSON array of objects"}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, notArray
	}
	rows := []map[string]string{}
	for i := 0; dec.More(); i++ {
		row, problem := decodeRow(dec, body, i, fields)
		if problem != nil {
			return nil, problem
		}
		rows = append(rows, row)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim(']') {
		return nil, &apiError{Error: "the JSON array is not closed"}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &apiError{Error: "unexpected data after the JSON array"}
	}
	return rows, nil
}

// decodeRow reads the object at index i of the array.
func decodeRow(dec *json.Decoder, body []byte, i int, fields []string) (map[string]string, *apiError) {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, rowProblem(i, "", "element %d is not a JSON object", i)
	}
	row := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, rowProblem(i, "", "element %d is not valid JSON: %v", i, err)
		}
		key, _ := tok.(string) // inside an object, More then Token give a key
		switch _, seen := row[key]; {
		case !slices.Contains(fields, key):
			return nil, rowProblem(i, key, "unknown field %q (the fields are %v)", key, fields)
		case seen:
			return nil, rowProblem(i, key, "field %q appears twice", key)
		}
		start := dec.InputOffset()
		tok, err = dec.Token()
		if err != nil {
			return nil, rowProblem(i, key, "element %d is not valid JSON: %v", i, err)
		}
		// encoding/json turns bytes that are not UTF-8 into U+FFFD; the
		// raw value is checked so they are refused, as in a CSV file.
		if !utf8.Valid(body[start:dec.InputOffset()]) {
			return nil, rowProblem(i, key, "%s is not valid UTF-8", key)
		}
		switch v := tok.(type) {
		case nil:
			row[key] = ""
		case json.Number:
			if !numberField(key) {
				return nil, rowProblem(i, key, "%s must be a JSON string", key)
			}
			row[key] = string(v)
		case string:
			if numberField(key) {
				return nil, rowProblem(i, key, "%s must be a JSON number, not a string", key)
			}
			row[key] = v
		default:
			kind := "a JSON string"
			if numberField(key) {
				kind = "a JSON number"
			}
			return nil, rowProblem(i, key, "%s must be %s", key, kind)
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, rowProblem(i, "", "element %d is not valid JSON", i)
	}
	return row, nil
}
