package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestHasNULFindsTextAnywhereInADecodedBody(t *testing.T) {
	type inner struct {
		Text string
		Tags []string
	}
	type body struct {
		Name  string
		Inner *inner
		Extra map[string]any
		Bytes []byte
		n     string // unexported: not from JSON
	}
	for _, tc := range []struct {
		name string
		v    any
		want bool
	}{
		{"clean", &body{Name: "Nguyễn", Inner: &inner{Text: "a", Tags: []string{"b"}}}, false},
		{"top", &body{Name: "a\x00b"}, true},
		{"nested slice", &body{Inner: &inner{Tags: []string{"x", "\x00"}}}, true},
		{"map value", &body{Extra: map[string]any{"k": []any{"ok", "z\x00"}}}, true},
		{"map key", &body{Extra: map[string]any{"\x00": 1}}, true},
		{"bytes are not text", &body{Bytes: []byte{0}}, false},
		{"unexported", &body{n: "\x00"}, false},
		{"nil pointer", &body{}, false},
	} {
		if got := hasNUL(reflect.ValueOf(tc.v)); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDecodeJSONRefusesANULCharacter(t *testing.T) {
	var v struct{ Text string }
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"Text":"a\u0000b"}`))
	if err := DecodeJSON(r, &v); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Fatalf("error: %v", err)
	}
	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"Text":"a\\u0000b"}`))
	if err := DecodeJSON(r, &v); err != nil || v.Text != `a\u0000b` {
		t.Fatalf("an escaped backslash is text: %v %q", err, v.Text)
	}
}

func TestCarriesNULLooksAtTheQueryAndTheFormRead(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/x?q=a%00b", nil)
	if !carriesNUL(r) {
		t.Error("query")
	}
	r = httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(url.Values{"title": {"a\x00"}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := r.ParseForm(); err != nil {
		t.Fatal(err)
	}
	if !carriesNUL(r) {
		t.Error("form")
	}
	r = httptest.NewRequest(http.MethodGet, "/x?q=h%E1%BB%93+s%C6%A1", nil)
	if carriesNUL(r) {
		t.Error("a clean query")
	}
}
