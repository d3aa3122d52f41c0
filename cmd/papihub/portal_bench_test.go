package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"papihub/internal/tthc"
)

// BenchmarkPortalProcedurePage serves one procedure's page over and over,
// in parallel, through the whole application (middleware, the change check
// against the audit log, the page cache), without the network: the CPU a
// page costs. docs/benchmarks.md has the figures and the wrk runs.
func BenchmarkPortalProcedurePage(b *testing.B) {
	ts := newBenchServer(b)
	unit := loadPortalData(b, ts)
	procs, _, err := tthc.NewStore(ts.db, nil, nil).Procedures(context.Background(), tthc.ProcedureFilter{Scope: unit.Path, Limit: 1})
	if err != nil || len(procs) == 0 {
		b.Fatal(err)
	}
	path := "/cong-khai/" + unit.Code + "/thu-tuc/" + procs[0].Code
	for _, variant := range []struct {
		name   string
		header map[string]string
	}{
		{"full page", nil},
		{"gzip", map[string]string{"Accept-Encoding": "gzip"}},
		{"revalidated (304)", map[string]string{"If-None-Match": etagOf(b, ts, path)}},
	} {
		b.Run(variant.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(16) // 32 clients on 2 cores, as wrk -c32
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest(http.MethodGet, path, nil)
					for k, v := range variant.header {
						req.Header.Set(k, v)
					}
					rec := httptest.NewRecorder()
					ts.app.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK && rec.Code != http.StatusNotModified {
						b.Fatalf("status %d", rec.Code)
					}
				}
			})
		})
	}
}

func etagOf(b *testing.B, ts *testServer, path string) string {
	rec := httptest.NewRecorder()
	ts.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK || rec.Header().Get("ETag") == "" {
		b.Fatalf("status %d", rec.Code)
	}
	return rec.Header().Get("ETag")
}
