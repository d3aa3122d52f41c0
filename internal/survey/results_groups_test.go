package survey

import (
	"math"
	"slices"
	"testing"
)

func TestAUnitThatLeftASubdimensionUnansweredIsScoredOnTheOtherDimensions(t *testing.T) {
	f := BuiltinPAPIForm()
	var rs []StoredResponse
	for i := range 24 {
		a := PrepareAnswers(f, goodAnswers(f))
		unit := "Xã A"
		if i >= 12 {
			// Nobody in Phường B answered the only question of D1.1.
			unit = "Phường B"
			delete(a, "d1_know_slogan")
		}
		rs = append(rs, StoredResponse{UnitID: int64(1 + i/12), UnitName: unit, Answers: a})
	}
	for _, byUnit := range []bool{false, true} {
		res, err := ScoreResponses(f, rs, ResultOptions{Replicates: 20, Seed: 1, ClusterByUnit: byUnit})
		if err != nil || res.Problem != "" {
			t.Fatalf("cluster by unit %v: %v %q", byUnit, err, res.Problem)
		}
		groups := res.Breakdowns[0].Groups
		if len(groups) != 2 || groups[0].Value != "Phường B" {
			t.Fatalf("cluster by unit %v: groups %+v", byUnit, groups)
		}
		b, a := groups[0], groups[1]
		if !slices.Equal(b.Unanswered, []string{"D1.1"}) || a.Unanswered != nil {
			t.Fatalf("cluster by unit %v: unanswered B %v, A %v", byUnit, b.Unanswered, a.Unanswered)
		}
		if d1 := b.Score.Dimensions[0]; !d1.NotEstimable || !math.IsNaN(d1.Score) || !math.IsNaN(b.Score.Total.Score) {
			t.Fatalf("cluster by unit %v: B's D1 %+v, total %v: want not estimable", byUnit, d1, b.Score.Total.Score)
		}
		// Every answer is the good one, so B's D2 scores the top of the scale.
		if d2 := b.Score.Dimensions[1]; d2.NotEstimable || math.IsNaN(d2.Score) || d2.Score <= 1 {
			t.Fatalf("cluster by unit %v: B's D2 %+v, want scored", byUnit, d2)
		}
	}
}
