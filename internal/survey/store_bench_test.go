package survey

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"papihub/internal/audit"
)

// syntheticStored is n stored responses to the built-in form spread over 50
// units, answers drawn at random among each question's choices.
func syntheticStored(n int) []StoredResponse {
	f := BuiltinPAPIForm()
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]StoredResponse, n)
	for i := range out {
		a := map[string]string{}
		for _, q := range f.Questions {
			if q.Type == SelectOne {
				c := f.Choices[q.ListName]
				a[q.Name] = c[rng.IntN(len(c))].Name
			}
		}
		unit := i % 50
		out[i] = StoredResponse{UnitID: int64(unit + 1), UnitName: "Xã " + strconv.Itoa(unit), Answers: a}
	}
	return out
}

// BenchmarkScoreStoredResponses scores 20,000 stored responses to the
// built-in form (30 indicators), overall, by unit and by the four respondent
// groups, with the results page's bootstrap (500 replicates overall, 200 a cell).
func BenchmarkScoreStoredResponses(b *testing.B) {
	f := BuiltinPAPIForm()
	rs := syntheticStored(20000)
	for b.Loop() {
		if _, err := ScoreResponses(f, rs, ResultOptions{Replicates: resultReplicates, GroupReplicates: groupReplicates, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportStoredResponses stores 20,000 read responses in one
// transaction, on the engine under test.
func BenchmarkImportStoredResponses(b *testing.B) {
	rs := syntheticStored(20000)
	for b.Loop() {
		b.StopTimer()
		s := newSurveyDBTB(b)
		id, err := s.store.CreateForm(context.Background(), audit.CLI(), s.province.ID, BuiltinPAPIForm(), StatusOpen, nil)
		if err != nil {
			b.Fatal(err)
		}
		batch := &Batch{}
		for i, r := range rs {
			batch.Responses = append(batch.Responses, Response{InstanceID: fmt.Sprintf("uuid-%d", i), Answers: r.Answers})
		}
		b.StartTimer()
		if _, err := s.store.ImportResponses(context.Background(), audit.CLI(), id, batch, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
