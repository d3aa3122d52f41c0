package tthc

import (
	"context"
	"testing"

	"papihub/internal/audit"
)

// BenchmarkImportGenerated applies generated dossiers through the importer
// (the path of files, the API and the generator), reporting dossiers and
// events per second.
func BenchmarkImportGenerated(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s := newStore(&testing.T{})
		unit, err := s.UnitByCode(context.Background(), demoAgency)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := s.GenerateInto(context.Background(), audit.CLI(), unit, 1, 20000, GenerateOptions{}, nil, nil)
		if err != nil || rep.Imported != 20000 {
			b.Fatalf("%+v %v", rep, err)
		}
	}
	b.ReportMetric(float64(20000*b.N)/b.Elapsed().Seconds(), "dossiers/s")
}
