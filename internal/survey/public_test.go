package survey

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// importAt stores n responses of good answers for a commune.
func (s *surveyDB) importAt(t *testing.T, st *Store, sf StoredForm, unitID int64, prefix string, n int) {
	t.Helper()
	b := &Batch{}
	for i := range n {
		b.Responses = append(b.Responses, Response{InstanceID: fmt.Sprintf("%s-%d", prefix, i), Unit: fmt.Sprint(unitID),
			Answers: PrepareAnswers(sf.Form, goodAnswers(sf.Form))})
	}
	if _, err := st.ImportResponses(context.Background(), audit.CLI(), sf.ID, b, "test"); err != nil {
		t.Fatal(err)
	}
}

func TestThePortalListsOpenAndClosedSurveysButNeverADraft(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	draft := s.builtinForm(t, StatusDraft)
	open := s.builtinForm(t, StatusOpen)
	closed := s.builtinForm(t, StatusClosed)
	s.importAt(t, s.store, closed, s.xa1.ID, "a", 3)

	list, err := s.store.PublicSurveys(ctx, s.province.Path, 50)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range list {
		got = append(got, fmt.Sprintf("%d:%s:%d", p.ID, p.Status, p.Responses))
	}
	want := []string{fmt.Sprintf("%d:closed:3", closed.ID), fmt.Sprintf("%d:open:0", open.ID)}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("public surveys = %v, want %v (draft %d left out)", got, want, draft.ID)
	}
	// A commune's portal does not list the province's surveys.
	if list, err := s.store.PublicSurveys(ctx, s.xa1.Path, 50); err != nil || len(list) != 0 {
		t.Fatalf("a commune's surveys = %+v, %v", list, err)
	}
}

func TestOnlyAClosedSurveysResultsArePublishedAndSmallCellsSayNothing(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	clock := &tickingClock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
	st := NewStore(s.db, clock.now)
	open := s.builtinForm(t, StatusOpen)
	s.importAt(t, st, open, s.xa1.ID, "o", 12)
	closed := s.builtinForm(t, StatusClosed)
	s.importAt(t, st, closed, s.xa1.ID, "a", 12)
	s.importAt(t, st, closed, s.xa2.ID, "b", 4)
	tiny := s.builtinForm(t, StatusClosed)
	s.importAt(t, st, tiny, s.xa1.ID, "t", 9)

	for name, c := range map[string]struct {
		scope string
		id    int64
	}{"an open survey": {s.province.Path, open.ID}, "another subtree's": {s.xa1.Path, closed.ID}, "an unknown id": {s.province.Path, 999999}} {
		if _, err := st.PublicResults(ctx, c.scope, c.id, "vi"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("%s: %v, want db.ErrNotFound", name, err)
		}
	}

	// Nine respondents in all: nothing is scored.
	r, err := st.PublicResults(ctx, s.province.Path, tiny.ID, "vi")
	if err != nil || !r.Suppressed || r.N != 9 || r.Total != nil || len(r.Dimensions) != 0 || len(r.Breakdowns) != 0 {
		t.Fatalf("nine respondents: %+v, %v", r, err)
	}

	r, err = st.PublicResults(ctx, s.province.Path, closed.ID, "vi")
	if err != nil || r.Suppressed || r.Unscored || r.N != 16 || r.MinCell != 10 || len(r.Dimensions) != 8 || r.Total == nil {
		t.Fatalf("sixteen respondents: %+v, %v", r, err)
	}
	// The same scores as the results page, which this first public view
	// stored.
	saved, err := st.SavedResults(ctx, closed.ID, ResultVariant{Lang: "vi"})
	if err != nil {
		t.Fatalf("the public view stored no results: %v", err)
	}
	if got, want := *r.Total, (PublicEstimate{saved.Results.Score.Total.Score, saved.Results.Score.Total.Low, saved.Results.Score.Total.High}); got != want {
		t.Fatalf("total %+v, stored %+v", got, want)
	}
	if d := r.Dimensions[0]; d.Code != "D1" || d.Name == "" || len(d.Subdimensions) != 4 || d.Score.Score != saved.Results.Score.Dimensions[0].Score {
		t.Fatalf("D1 = %+v", d)
	}
	var byUnit *PublicBreakdown
	for i := range r.Breakdowns {
		if r.Breakdowns[i].Column == "unit" {
			byUnit = &r.Breakdowns[i]
		}
	}
	if byUnit == nil || len(byUnit.Groups) != 2 {
		t.Fatalf("by unit = %+v", r.Breakdowns)
	}
	for _, g := range byUnit.Groups {
		switch g.Value {
		case s.xa1.Name:
			if g.Suppressed || g.N != 12 || g.Total == nil || len(g.Dimensions) != 8 {
				t.Errorf("twelve respondents of %s: %+v", g.Value, g)
			}
		case s.xa2.Name:
			if !g.Suppressed || g.N != 0 || g.Total != nil || g.Dimensions != nil {
				t.Errorf("four respondents of %s publish %+v", g.Value, g)
			}
		default:
			t.Errorf("group %q", g.Value)
		}
	}
	// The published JSON holds no NaN and no respondent's row.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"NaN", "instance", "answers", `"n":4`} {
		if strings.Contains(string(b), bad) {
			t.Errorf("published results hold %q: %s", bad, b)
		}
	}

	// Responses imported after closing are counted at the next view.
	s.importAt(t, st, closed, s.xa2.ID, "c", 6)
	r, err = st.PublicResults(ctx, s.province.Path, closed.ID, "vi")
	if err != nil || r.N != 22 {
		t.Fatalf("after six more: n %d, %v", r.N, err)
	}
	for _, g := range r.Breakdowns[0].Groups {
		if g.Value == s.xa2.Name && (g.Suppressed || g.N != 10) {
			t.Errorf("ten respondents of %s: %+v", g.Value, g)
		}
	}
}
