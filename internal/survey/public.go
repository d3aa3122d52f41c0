package survey

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"papihub/internal/audit"
	"papihub/internal/papi"
	"papihub/internal/platform/db"
)

// The public portal reads surveys through the two queries below and nothing
// else: the list of an agency's surveys that are open or closed (never a
// draft), and the scored results of a closed one. Neither returns a
// response, an answer or an invitation code; the results are the same
// scores the results page shows, with every cell of fewer than
// papi.MinCellSize respondents suppressed, its size included.

// PublicSurvey is a questionnaire as the portal lists it: open (answered
// with an invitation code on /khao-sat) or closed, when its results are
// published.
type PublicSurvey struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Unit      string    `json:"unit"`
	Status    Status    `json:"status"` // open or closed
	Responses int       `json:"responses"`
	CreatedAt time.Time `json:"created_at"`
}

const selectPublicSurveys = `
SELECT f.id, u.name, f.title, f.status, f.created_at,
       (SELECT COUNT(*) FROM survey_responses r WHERE r.form_id = f.id)
FROM survey_forms f JOIN units u ON u.id = f.unit_id
WHERE u.path LIKE $1 ESCAPE '\' AND f.status IN ('open', 'closed')
ORDER BY f.id DESC
LIMIT $2`

// PublicSurveys lists the open and closed surveys of the units in the
// subtree at scope, newest first, at most limit (1–200) of them.
func (s *Store) PublicSurveys(ctx context.Context, scope string, limit int) ([]PublicSurvey, error) {
	rows, err := s.db.R.QueryContext(ctx, selectPublicSurveys, escapeLike(scope)+"%", min(max(limit, 1), 200))
	if err != nil {
		return nil, fmt.Errorf("survey: public list: %w", err)
	}
	defer rows.Close()
	var out []PublicSurvey
	for rows.Next() {
		var p PublicSurvey
		var created string
		if err := rows.Scan(&p.ID, &p.Unit, &p.Title, &p.Status, &created, &p.Responses); err != nil {
			return nil, fmt.Errorf("survey: public list: %w", err)
		}
		if p.CreatedAt, err = db.ParseTime(created); err != nil {
			return nil, fmt.Errorf("survey: public list: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("survey: public list: %w", err)
	}
	return out, nil
}

// PublicEstimate is a score with its 95% interval; nil where the score is
// not estimable (JSON has no NaN).
type PublicEstimate struct {
	Score float64 `json:"score"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

func publicEstimate(e papi.Estimate, notEstimable bool) *PublicEstimate {
	if notEstimable || math.IsNaN(e.Score) {
		return nil
	}
	out := &PublicEstimate{Score: e.Score, Low: e.Low, High: e.High}
	if math.IsNaN(e.Low) || math.IsNaN(e.High) {
		out.Low, out.High = e.Score, e.Score
	}
	return out
}

// PublicDimension is a dimension's score and its sub-dimensions'.
type PublicDimension struct {
	Code          string            `json:"code"`
	Name          string            `json:"name"`
	Score         *PublicEstimate   `json:"score"`
	Subdimensions []PublicDimension `json:"subdimensions,omitempty"`
}

// PublicGroup is one cell of a breakdown. A suppressed cell says only that
// it has fewer than papi.MinCellSize respondents: neither its size nor a
// score.
type PublicGroup struct {
	Value      string            `json:"value"`
	N          int               `json:"n,omitempty"`
	Suppressed bool              `json:"suppressed"`
	Total      *PublicEstimate   `json:"total,omitempty"`
	Dimensions []PublicDimension `json:"dimensions,omitempty"`
}

// PublicBreakdown is the scores by the values of one respondent group
// ("unit" for the respondents' unit, else a question of the form).
type PublicBreakdown struct {
	Column string        `json:"column"`
	Label  string        `json:"label"`
	Groups []PublicGroup `json:"groups"`
}

// PublicResults are a closed survey's results as the portal publishes them.
type PublicResults struct {
	Survey PublicSurvey `json:"survey"`
	N      int          `json:"n"`
	// MinCell is the fewest respondents a published score rests on.
	MinCell int `json:"min_cell"`
	// Suppressed: fewer than MinCell respondents in all; nothing is scored.
	Suppressed bool `json:"suppressed"`
	// Unscored: the responses could not be scored (no question bound to an
	// indicator, or a sub-dimension nobody answered).
	Unscored   bool              `json:"unscored"`
	Total      *PublicEstimate   `json:"total,omitempty"`
	Dimensions []PublicDimension `json:"dimensions,omitempty"`
	Breakdowns []PublicBreakdown `json:"breakdowns,omitempty"`
	ComputedAt time.Time         `json:"computed_at"`
}

// publicCompute lets one public request at a time score a form whose
// results are not stored yet: a results computation costs seconds on a
// large survey, and the requests that wait find them stored.
var publicCompute sync.Mutex

// PublicResults returns the results of the closed survey id of a unit in
// the subtree at scope, in the form language closest to lang ("vi" or
// "en"). A draft, an open survey, another subtree's or an unknown id is
// db.ErrNotFound. Results not stored yet, or stored before the responses
// last changed, are computed (and stored) first.
func (s *Store) PublicResults(ctx context.Context, scope string, id int64, lang string) (PublicResults, error) {
	sf, err := s.Form(ctx, id)
	if err != nil {
		return PublicResults{}, err
	}
	if sf.Status != StatusClosed || !strings.HasPrefix(sf.UnitPath, scope) {
		return PublicResults{}, fmt.Errorf("survey: public results of form %d: %w", id, db.ErrNotFound)
	}
	v := ResultVariant{Lang: formLangFor(sf.Form, lang)}
	saved, fresh, err := s.storedResults(ctx, sf, v)
	if err == nil && !fresh {
		publicCompute.Lock()
		saved, fresh, err = s.storedResults(ctx, sf, v)
		if err == nil && !fresh {
			// Nobody asked for it: not audited (see ComputeResults).
			saved, err = s.ComputeResults(ctx, audit.Actor{}, sf, v)
		}
		publicCompute.Unlock()
	}
	if err != nil {
		return PublicResults{}, err
	}
	n, _, err := s.countResponses(ctx, sf.ID)
	if err != nil {
		return PublicResults{}, err
	}
	out := PublicResults{Survey: PublicSurvey{ID: sf.ID, Title: sf.Title, Unit: sf.UnitName, Status: sf.Status, Responses: n, CreatedAt: sf.CreatedAt},
		N: saved.Results.N, MinCell: papi.MinCellSize, ComputedAt: saved.ComputedAt}
	res := saved.Results
	switch {
	case res.Suppressed || res.N < papi.MinCellSize:
		out.Suppressed = true
		return out, nil
	case saved.Err != "" || res.Problem != "":
		out.Unscored = true
		return out, nil
	}
	names := dimensionNames(uiLangOf(lang))
	out.Total = publicEstimate(res.Score.Total, false)
	out.Dimensions = publicDimensions(res.Score, names, true)
	for _, b := range res.Breakdowns {
		pb := PublicBreakdown{Column: b.Column, Label: b.Label}
		for _, g := range b.Groups {
			pg := PublicGroup{Value: g.Value, Suppressed: g.Suppressed || g.N < papi.MinCellSize}
			if !pg.Suppressed {
				pg.N = g.N
				pg.Total = publicEstimate(g.Score.Total, len(g.Unanswered) > 0)
				pg.Dimensions = publicDimensions(g.Score, names, false)
			}
			pb.Groups = append(pb.Groups, pg)
		}
		out.Breakdowns = append(out.Breakdowns, pb)
	}
	return out, nil
}

// storedResults are the stored results of a variant and whether they match
// the responses; none stored is (zero, false, nil).
func (s *Store) storedResults(ctx context.Context, sf StoredForm, v ResultVariant) (SavedResults, bool, error) {
	saved, err := s.SavedResults(ctx, sf.ID, v)
	if errors.Is(err, db.ErrNotFound) {
		return SavedResults{}, false, nil
	}
	if err != nil {
		return SavedResults{}, false, err
	}
	fp, err := s.ResponsesFingerprint(ctx, sf)
	return saved, err == nil && fp == saved.Fingerprint, err
}

// countResponses is the number of responses of a form and the largest id.
func (s *Store) countResponses(ctx context.Context, formID int64) (int, int64, error) {
	var n, maxID int64
	err := s.db.R.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(id), 0) FROM survey_responses WHERE form_id = $1`, formID).Scan(&n, &maxID)
	if err != nil {
		return 0, 0, fmt.Errorf("survey: responses of form %d: %w", formID, err)
	}
	return int(n), maxID, nil
}

func publicDimensions(sc papi.SurveyScore, names map[string]string, subs bool) []PublicDimension {
	out := make([]PublicDimension, 0, len(sc.Dimensions))
	for _, d := range sc.Dimensions {
		pd := PublicDimension{Code: d.Code, Name: names[d.Code], Score: publicEstimate(d.Estimate, d.NotEstimable)}
		if subs {
			for _, sd := range d.Subdimensions {
				pd.Subdimensions = append(pd.Subdimensions, PublicDimension{Code: sd.Name, Name: names[sd.Name], Score: publicEstimate(sd.Estimate, sd.NotEstimable)})
			}
		}
		out = append(out, pd)
	}
	return out
}
