package main

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// BenchmarkPortalAgencyAndReportPages serves the agency's home (profile,
// contacts, structure, plan, standing, index) and an issued report's page,
// from the page cache and rendered afresh (a query string never asked
// before makes each request miss the cache), through the whole
// application without the network.
func BenchmarkPortalAgencyAndReportPages(b *testing.B) {
	ts := newBenchServer(b)
	unit := loadPortalData(b, ts)
	home := "/cong-khai/" + unit.Code
	var report string
	for _, p := range []string{home + "/ke-hoach"} {
		rec := httptest.NewRecorder()
		ts.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		plan := firstHref(rec.Body.String(), "/ke-hoach/")
		rec = httptest.NewRecorder()
		ts.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, plan, nil))
		report = firstHref(rec.Body.String(), "/bao-cao/")
	}
	if report == "" {
		b.Fatal("no report page")
	}
	for _, c := range []struct {
		name, path string
		fresh      bool
	}{
		{"agency home cached", home, false},
		{"agency home rendered", home, true},
		{"report cached", report, false},
		{"report rendered", report, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			var n atomic.Int64
			b.ReportAllocs()
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					path := c.path
					if c.fresh {
						path += "?q=r" + strconv.FormatInt(n.Add(1), 10)
					}
					rec := httptest.NewRecorder()
					ts.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: status %d", path, rec.Code)
					}
				}
			})
		})
	}
}

// firstHref is the first link of body whose address contains part.
func firstHref(body, part string) string {
	for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
		if strings.Contains(m[1], part) {
			return m[1]
		}
	}
	return ""
}
