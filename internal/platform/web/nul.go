package web

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
)

// errNUL refuses text with a NUL character: no person types one, and
// PostgreSQL cannot store it in a text column, so it would fail the write
// with a server error instead of a clear refusal.
var errNUL = errors.New("text contains a NUL character")

// carriesNUL reports whether the query string or a form value already read
// (the CSRF check reads browser forms) holds a NUL character.
func carriesNUL(r *http.Request) bool {
	if strings.Contains(r.URL.RawQuery, "%00") {
		return true
	}
	for _, vs := range r.PostForm {
		for _, v := range vs {
			if strings.IndexByte(v, 0) >= 0 {
				return true
			}
		}
	}
	if r.MultipartForm != nil {
		for _, vs := range r.MultipartForm.Value {
			for _, v := range vs {
				if strings.IndexByte(v, 0) >= 0 {
					return true
				}
			}
		}
	}
	return false
}

// hasNUL reports whether any string reachable from v (a decoded JSON body:
// structs, maps, slices, pointers, interfaces) holds a NUL character.
func hasNUL(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return strings.IndexByte(v.String(), 0) >= 0
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && hasNUL(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && hasNUL(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return false // bytes, not text
		}
		for i := range v.Len() {
			if hasNUL(v.Index(i)) {
				return true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if hasNUL(iter.Key()) || hasNUL(iter.Value()) {
				return true
			}
		}
	}
	return false
}
