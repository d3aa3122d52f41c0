package report

import (
	"io"
	"testing"
)

// BenchmarkWriteDOCXQuarterlyReport writes the quarterly report to Home
// Affairs: 8 dimension sections with 25 tasks each (200 in tables). Issue 3
// asks for at most 300 ms.
func BenchmarkWriteDOCXQuarterlyReport(b *testing.B) {
	doc := quarterlyReport(25)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDOCX(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}
