package survey

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// tickingClock moves on a minute each time it is read, so that two
// computations never share a time.
type tickingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *tickingClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Minute)
	return c.t
}

// importGood stores n responses of good answers (the first choice of every
// question) for the commune xa1, with instance ids from first on.
func (s *surveyDB) importGood(t *testing.T, st *Store, sf StoredForm, first, n int) {
	t.Helper()
	b := &Batch{}
	for i := range n {
		b.Responses = append(b.Responses, Response{InstanceID: fmt.Sprintf("good-%d", first+i), Unit: fmt.Sprint(s.xa1.ID),
			Answers: PrepareAnswers(sf.Form, goodAnswers(sf.Form))})
	}
	if _, err := st.ImportResponses(context.Background(), audit.CLI(), sf.ID, b, "test"); err != nil {
		t.Fatal(err)
	}
}

func TestResultsAreStoredOnTheFirstViewAndServedFromTheTableAfterwards(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	clock := &tickingClock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
	st := NewStore(s.db, clock.now)
	sf := s.builtinForm(t, StatusOpen)
	s.importGood(t, st, sf, 1, 12)
	v := ResultVariant{Lang: "vi"}

	if _, err := st.SavedResults(ctx, sf.ID, v); err != db.ErrNotFound {
		t.Fatalf("before any view: %v, want db.ErrNotFound", err)
	}
	first, fresh, err := st.CurrentResults(ctx, sf, v)
	if err != nil || !fresh || first.Results.N != 12 || first.Results.Suppressed || len(first.Results.Score.Dimensions) != 8 {
		t.Fatalf("first view: fresh %v, n %d, %v", fresh, first.Results.N, err)
	}
	again, fresh, err := st.CurrentResults(ctx, sf, v)
	if err != nil || !fresh || !again.ComputedAt.Equal(first.ComputedAt) {
		t.Fatalf("second view: fresh %v, computed at %v (first %v), %v: want the stored row", fresh, again.ComputedAt, first.ComputedAt, err)
	}
	if got, want := again.Results.Score.Total, first.Results.Score.Total; got != want {
		t.Fatalf("stored total %+v, computed %+v", got, want)
	}
	// Another variant is computed and stored on its own.
	byUnit, _, err := st.CurrentResults(ctx, sf, ResultVariant{ClusterByUnit: true, Lang: "vi"})
	if err != nil || byUnit.ComputedAt.Equal(first.ComputedAt) {
		t.Fatalf("unit variant: %v, %v", byUnit.ComputedAt, err)
	}
	if vs, err := st.ResultVariants(ctx, sf.ID); err != nil || len(vs) != 2 {
		t.Fatalf("variants %+v, %v", vs, err)
	}
}

func TestANewResponseChangesTheFingerprintAndTheRefreshedResults(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	clock := &tickingClock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
	st := NewStore(s.db, clock.now)
	sf := s.builtinForm(t, StatusOpen)
	s.importGood(t, st, sf, 1, 12)
	v := ResultVariant{Lang: "vi"}
	before, _, err := st.CurrentResults(ctx, sf, v)
	if err != nil {
		t.Fatal(err)
	}
	fp1, err := st.ResponsesFingerprint(ctx, sf)
	if err != nil || fp1 != before.Fingerprint {
		t.Fatalf("fingerprint %q, stored %q, %v", fp1, before.Fingerprint, err)
	}

	// One response whose answer to D1.1's question is the bad one.
	b := &Batch{Responses: []Response{{InstanceID: "late-1", Unit: fmt.Sprint(s.xa1.ID), Answers: PrepareAnswers(sf.Form, goodAnswers(sf.Form))}}}
	b.Responses[0].Answers["d1_know_slogan"] = "2"
	if _, err := st.ImportResponses(ctx, audit.CLI(), sf.ID, b, "late"); err != nil {
		t.Fatal(err)
	}
	fp2, err := st.ResponsesFingerprint(ctx, sf)
	if err != nil || fp2 == fp1 {
		t.Fatalf("fingerprint after a new response %q (before %q), %v", fp2, fp1, err)
	}
	stale, fresh, err := st.CurrentResults(ctx, sf, v)
	if err != nil || fresh || stale.Results.N != 12 {
		t.Fatalf("view after the response: fresh %v, n %d, %v: want the stored 12, marked out of date", fresh, stale.Results.N, err)
	}

	rf := NewRefresher(st)
	rf.Refresh(sf.ID)
	rf.Refresh(sf.ID) // asked twice while running: still one result
	rf.Wait()
	after, fresh, err := st.CurrentResults(ctx, sf, v)
	if err != nil || !fresh || after.Results.N != 13 || !after.ComputedAt.After(before.ComputedAt) {
		t.Fatalf("after refresh: fresh %v, n %d, computed %v (before %v), %v", fresh, after.Results.N, after.ComputedAt, before.ComputedAt, err)
	}
	// D1.1 was 10 (every answer good); one bad answer of 13 makes u = 12/13:
	// (1 + 9·12/13)/4 sub-dimensions.
	got := after.Results.Score.Dimensions[0].Subdimensions[0].Score
	if want := (1 + 9*12.0/13) / 4; math.Abs(got-want) > 1e-9 {
		t.Fatalf("D1.1 after the new response = %v, want %v", got, want)
	}
	if before.Results.Score.Dimensions[0].Subdimensions[0].Score != 10.0/4 {
		t.Fatalf("D1.1 before = %v, want 2.5", before.Results.Score.Dimensions[0].Subdimensions[0].Score)
	}
}

func TestStoredResultsKeepTheSmallCellRuleAndNotEstimableValues(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	st := NewStore(s.db, nil)
	sf := s.builtinForm(t, StatusOpen)
	s.importGood(t, st, sf, 1, 9)
	v := ResultVariant{Lang: "vi"}
	if _, _, err := st.CurrentResults(ctx, sf, v); err != nil {
		t.Fatal(err)
	}
	saved, err := st.SavedResults(ctx, sf.ID, v)
	if err != nil || !saved.Results.Suppressed || len(saved.Results.Score.Dimensions) != 0 || saved.Results.Breakdowns != nil {
		t.Fatalf("9 respondents stored as %+v, %v: want suppressed with nothing scored", saved.Results, err)
	}

	// A unit of 12 plus a unit of 4 (too small to show) that answered nothing of D1.1.
	s.importGood(t, st, sf, 100, 3)
	b := &Batch{}
	for i := range 4 {
		a := PrepareAnswers(sf.Form, goodAnswers(sf.Form))
		delete(a, "d1_know_slogan")
		b.Responses = append(b.Responses, Response{InstanceID: fmt.Sprintf("b-%d", i), Unit: fmt.Sprint(s.xa2.ID), Answers: a})
	}
	if _, err := st.ImportResponses(ctx, audit.CLI(), sf.ID, b, "b"); err != nil {
		t.Fatal(err)
	}
	computed, err := st.ComputeResults(ctx, audit.CLI(), sf, v)
	if err != nil {
		t.Fatal(err)
	}
	saved, err = st.SavedResults(ctx, sf.ID, v)
	if err != nil {
		t.Fatal(err)
	}
	units := saved.Results.Breakdowns[0].Groups
	if len(units) != 2 {
		t.Fatalf("units %+v", units)
	}
	for _, g := range units {
		if small := g.N < 10; g.Suppressed != small || small && len(g.Score.Dimensions) != 0 {
			t.Fatalf("unit %s (n=%d) stored suppressed=%v with %d dimensions", g.Value, g.N, g.Suppressed, len(g.Score.Dimensions))
		}
	}
	// Without bootstrap NaN would be everywhere; here the stored intervals and
	// the computed ones must agree to the bit, NaN included.
	if a, b := saved.Results.Score.Total, computed.Results.Score.Total; !(a.Low == b.Low && a.High == b.High) || math.IsNaN(a.Low) {
		t.Fatalf("stored total %+v, computed %+v", a, b)
	}
}

func TestAnAskedForRecomputationIsAudited(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	sf := s.builtinForm(t, StatusOpen)
	s.importGood(t, s.store, sf, 1, 10)
	count := func() int {
		var n int
		if err := s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'survey_results' AND action = 'recompute'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, _, err := s.store.CurrentResults(ctx, sf, ResultVariant{Lang: "vi"}); err != nil || count() != 0 {
		t.Fatalf("first view: %d audit entries, %v; want none", count(), err)
	}
	if _, err := s.store.ComputeResults(ctx, audit.CLI(), sf, ResultVariant{Lang: "vi"}); err != nil || count() != 1 {
		t.Fatalf("recompute: %d audit entries, %v; want one", count(), err)
	}
}
