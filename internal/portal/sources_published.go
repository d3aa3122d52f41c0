package portal

import (
	"context"
	"time"

	"papihub/internal/org"
)

// What an agency published — its surveys and their results, its answers to
// feedback of public interest, the reports it issued — as the portal reads
// it. Like the other sources, none of these carries a citizen's personal
// data: a survey has only its scores (small cells suppressed), an answer
// only what the officer wrote for publication.

// Survey is a survey of the agency or a unit under it: open (answered on
// the public survey page with an invitation code) or closed, when its
// results are published.
type Survey struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Unit      string    `json:"unit"`
	Open      bool      `json:"open"`
	Responses int       `json:"responses"`
	Created   time.Time `json:"created_at"`
}

// Estimate is a score with its 95% interval.
type Estimate struct {
	Score float64 `json:"score"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

// SurveyDimension is a PAPI dimension's score (nil when not estimable) and
// its sub-dimensions'.
type SurveyDimension struct {
	Code          string            `json:"code"`
	Name          string            `json:"name"`
	Score         *Estimate         `json:"score"`
	Subdimensions []SurveyDimension `json:"subdimensions,omitempty"`
}

// SurveyGroup is one cell of a breakdown. A suppressed cell (fewer
// respondents than SurveyResults.MinCell) has neither its size nor a score.
type SurveyGroup struct {
	Value      string            `json:"value"`
	N          int               `json:"n,omitempty"`
	Suppressed bool              `json:"suppressed"`
	Total      *Estimate         `json:"total,omitempty"`
	Dimensions []SurveyDimension `json:"dimensions,omitempty"`
}

// SurveyBreakdown is the scores by the values of one respondent group:
// Column "unit" for the respondents' unit, else a question of the form.
type SurveyBreakdown struct {
	Column string        `json:"column"`
	Label  string        `json:"label"`
	Groups []SurveyGroup `json:"groups"`
}

// SurveyResults are a closed survey's published results.
type SurveyResults struct {
	Survey     Survey            `json:"survey"`
	N          int               `json:"n"`
	MinCell    int               `json:"min_cell"`
	Suppressed bool              `json:"suppressed"` // fewer than MinCell respondents in all
	Unscored   bool              `json:"unscored"`   // the responses could not be scored
	Total      *Estimate         `json:"total,omitempty"`
	Dimensions []SurveyDimension `json:"dimensions,omitempty"`
	Breakdowns []SurveyBreakdown `json:"breakdowns,omitempty"`
	Computed   time.Time         `json:"computed_at"`
}

// Surveys reads the surveys of an agency's subtree.
type Surveys interface {
	// Surveys lists the open and closed surveys, newest first.
	Surveys(ctx context.Context, agency org.Unit) ([]Survey, error)
	// Results are the results of a closed survey, its labels in lang;
	// ErrNotFound for any other.
	Results(ctx context.Context, agency org.Unit, id int64, lang string) (SurveyResults, error)
}

// Answer is an answer published because the matter is of public interest.
// Received is zero for a denunciation: the day a letter arrived may point
// to who wrote it.
type Answer struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"` // complaint, denunciation, petition, reflection
	Unit      string    `json:"unit"`
	Received  time.Time `json:"received_on,omitzero"`
	Answered  time.Time `json:"answered_on"`
	Published time.Time `json:"published_on"`
	Text      string    `json:"answer"`
}

// Answers reads the published answers of an agency's subtree.
type Answers interface {
	// Answers is one page, newest publication first, and whether more
	// follow.
	Answers(ctx context.Context, agency org.Unit, page, perPage int) ([]Answer, bool, error)
	// Answer is one of them; ErrNotFound for a case not published or
	// another agency's.
	Answer(ctx context.Context, agency org.Unit, id int64) (Answer, error)
}

// Report is a report the agency or a unit under it issued and publishes:
// its plan's periodic reports (shown on the plan's report page) and the
// yearly lists of expired legal documents (the list's page).
type Report struct {
	ID       int64     `json:"id"`
	Kind     string    `json:"kind"`      // plan, legal_expired
	SourceID int64     `json:"source_id"` // the plan a plan report was issued on
	Title    string    `json:"title"`
	Number   string    `json:"number"`
	Period   string    `json:"period"`
	Unit     string    `json:"unit"`
	IssuedOn time.Time `json:"issued_on"`
	Created  time.Time `json:"created_at"`
	Format   string    `json:"format"` // docx, xlsx, pdf
	FileName string    `json:"file_name"`
}

// Reports reads the published reports of an agency's subtree.
type Reports interface {
	// Issued lists the latest, at most limit.
	Issued(ctx context.Context, agency org.Unit, limit int) ([]Report, error)
}
