package web

import (
	"fmt"
	"net/http"
	"sync"
)

// Languages the interface speaks; Vietnamese is the default.
const (
	LangVI = "vi"
	LangEN = "en"
)

// LangCookie remembers the language a visitor chose.
const LangCookie = "lang"

var (
	catalogMu sync.RWMutex
	catalog   = map[string]map[string]string{LangVI: {}, LangEN: {}}
)

// AddMessages adds translations for lang. Each capability registers its own
// messages (in its messages.go) so the catalogue grows with the code that
// uses it. A key registered twice with different text is a programming error.
func AddMessages(lang string, msgs map[string]string) {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	m, ok := catalog[lang]
	if !ok {
		panic("web: unknown language " + lang)
	}
	for k, v := range msgs {
		if old, dup := m[k]; dup && old != v {
			panic(fmt.Sprintf("web: message %q (%s) registered twice with different text", k, lang))
		}
		m[k] = v
	}
}

// T translates key into lang, formatting args into it like fmt.Sprintf. A
// missing English text falls back to Vietnamese, and a missing key shows the
// key itself so it is noticed rather than blank.
func T(lang, key string, args ...any) string {
	catalogMu.RLock()
	msg, ok := catalog[lang][key]
	if !ok {
		msg, ok = catalog[LangVI][key]
	}
	catalogMu.RUnlock()
	if !ok {
		msg = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// HasMessage reports whether key is in the Vietnamese catalogue, for tests
// that check every message key a package uses exists.
func HasMessage(key string) bool {
	catalogMu.RLock()
	defer catalogMu.RUnlock()
	_, ok := catalog[LangVI][key]
	return ok
}

// Lang returns the language of a request.
func Lang(r *http.Request) string {
	if l, ok := r.Context().Value(langKey).(string); ok {
		return l
	}
	return LangVI
}

func chooseLang(r *http.Request) string {
	if c, err := r.Cookie(LangCookie); err == nil && (c.Value == LangEN || c.Value == LangVI) {
		return c.Value
	}
	return LangVI
}
