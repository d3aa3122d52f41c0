package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
)

// DecodeJSON reads a JSON body into v, refusing unknown fields, trailing data,
// NUL characters and bodies over the route's limit; the error says what was
// wrong.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return fmt.Errorf("malformed JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("malformed JSON: data after the object")
	}
	if hasNUL(reflect.ValueOf(v)) {
		return fmt.Errorf("malformed JSON: %w", errNUL)
	}
	return nil
}

// Pagination is the page a list request asked for.
type Pagination struct {
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
}

// Offset is the number of rows to skip.
func (p Pagination) Offset() int { return (p.Page - 1) * p.PerPage }

// PageOf reads ?page= and ?per_page= with sane bounds (1–200, default 50).
func PageOf(r *http.Request) Pagination {
	p := Pagination{Page: 1, PerPage: 50}
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 0 {
		p.Page = n
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && n > 0 {
		p.PerPage = min(n, 200)
	}
	return p
}

// ListResponse is the envelope of every API list.
type ListResponse[T any] struct {
	Items   []T  `json:"items"`
	Page    int  `json:"page"`
	PerPage int  `json:"per_page"`
	More    bool `json:"more"`
}
