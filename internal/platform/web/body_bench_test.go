package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchmarkPageBody is what a kept page costs on each request: the layout
// (the menu, the user's name, the title) around a 30 kB content.
//
//	go test -run XXX -bench PageBody -benchmem ./internal/platform/web
func BenchmarkPageBody(b *testing.B) {
	var nav []NavItem
	for _, k := range []string{"nav.start", "nav.plans", "nav.mytasks", "nav.tthc", "nav.papi", "nav.survey", "nav.reception",
		"nav.inspection", "nav.legal", "nav.province", "nav.reports", "nav.portal", "nav.admin"} {
		nav = append(nav, NavItem{Key: k, Href: "/" + strings.TrimPrefix(k, "nav.")})
	}
	rd := NewRenderer(nil, nav)
	rd.Add("t", fstest.MapFS{"things.html": {Data: []byte(`{{define "title"}}{{.Data}}{{end}}` +
		`{{define "content"}}<p>{{.Data}}</p>` + strings.Repeat(`<form><input type="hidden" name="csrf" value="{{.CSRF}}"></form><p>`+strings.Repeat("x", 3000)+`</p>`, 10) + `{{end}}`)}}, ".")
	r := bodyTestRequest("Trần Thị Hạnh", "token-of-hanh")
	body, err := rd.RenderBody(r, "t/things", "Kế hoạch")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		rd.PageBody(w, r, http.StatusOK, "t/things", "Kế hoạch", body)
	}
}
