package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"papihub/internal/platform/db"
)

// The feedback metrics the citizen-reception register feeds (domain §3,
// §5.1).
const (
	MetricFeedbackOnTime    = "PETITION_PROCESSING_ON_TIME"
	MetricFeedbackSatisfied = "PETITION_HANDLING_SATISFACTION"
)

// FeedbackSource is what the index asks of the citizen-reception register,
// which cmd/papihub wires in (WithFeedback) so that neither package imports
// the other.
type FeedbackSource interface {
	// FeedbackByUnit gives the two feedback indicators of each unit of the
	// subtree at path with cases due or rated in from..to.
	FeedbackByUnit(ctx context.Context, path string, from, to time.Time) ([]FeedbackUnit, error)
	// DisapprovedDossiers lists the codes of the dossiers the register
	// holds a complaint or a dislike about in from..to.
	DisapprovedDossiers(ctx context.Context, path string, from, to time.Time) ([]string, error)
	// FeedbackLink is the page of the cases behind a count of unit's
	// subtree over from..to: list is one of the Feedback* lists.
	FeedbackLink(unitID int64, from, to time.Time, list string) string
}

// The lists of cases behind the feedback counts.
const (
	FeedbackOnTimeList       = "on_time"      // answered by the due day
	FeedbackJudgedList       = "judged"       // due in the period and judged
	FeedbackLateList         = "late"         // judged, not on time
	FeedbackSatisfiedList    = "satisfied"    // rated satisfied
	FeedbackRatedList        = "rated"        // rated
	FeedbackDissatisfiedList = "dissatisfied" // rated not satisfied
)

// FeedbackUnit is one unit's feedback counts for a period.
type FeedbackUnit struct {
	UnitID           int64
	OnTime, Judged   int64
	Satisfied, Rated int64
}

// WithFeedback makes the index read its two feedback indicators, and the
// complaints and dislikes about dossiers, from src. It returns s.
func (s *Store) WithFeedback(src FeedbackSource) *Store {
	s.feedback = src
	return s
}

// feedbackInputs are what the register gives one index.
type feedbackInputs struct {
	units []FeedbackUnit
	// disapproved are aggregate rows (day p.From) adding the dossiers of
	// the subtree that the register holds a complaint or a dislike about
	// and that carry none of their own to Disapproved.
	disapproved []aggRow
}

// readFeedback asks the register for the period's feedback and turns the
// dossier codes it names into aggregate rows. Nothing without a source.
func (s *Store) readFeedback(ctx context.Context, unit UnitInfo, p Period) (feedbackInputs, error) {
	var in feedbackInputs
	if s.feedback == nil {
		return in, nil
	}
	from, to := p.From.At(0, 0), p.To.At(0, 0)
	var err error
	if in.units, err = s.feedback.FeedbackByUnit(ctx, unit.Path, from, to); err != nil {
		return in, fmt.Errorf("tthc: index feedback: %w", err)
	}
	codes, err := s.feedback.DisapprovedDossiers(ctx, unit.Path, from, to)
	if err != nil {
		return in, fmt.Errorf("tthc: index disapproved dossiers: %w", err)
	}
	in.disapproved, err = s.disapprovedRows(ctx, unit.Path, codes, p)
	return in, err
}

// disapprovedRows counts, per unit and procedure, the dossiers of the
// subtree at path among codes that carry no complaint or dislike of their
// own: a dossier flagged by the national portal's sync is deducted through
// its own row already (CountsFromAggregates), and is not deducted twice.
func (s *Store) disapprovedRows(ctx context.Context, path string, codes []string, p Period) ([]aggRow, error) {
	type key struct{ unit, proc int64 }
	counts := map[key]int64{}
	var order []key
	const chunk = 500 // placeholders per query, well under both engines' limits
	// Each code is found by the code index; "+" keeps SQLite from reading
	// the subtree's dossiers by unit instead, once per chunk.
	for len(codes) > 0 {
		n := min(chunk, len(codes))
		args := []any{escapeLike(path) + "%", RatingDislike}
		for _, c := range codes[:n] {
			args = append(args, c)
		}
		codes = codes[n:]
		err := eachRow(ctx, s.db.Heavy(ctx), `SELECT unit_id, procedure_id FROM tthc_dossiers
WHERE code IN (`+placeholders(3, len(args)-2)+`) AND +unit_id IN (`+subtreeUnits(1)+`) AND complaint = 0 AND rating <> $2`, args,
			func(r *sql.Rows) error {
				var k key
				if err := r.Scan(&k.unit, &k.proc); err != nil {
					return err
				}
				if _, ok := counts[k]; !ok {
					order = append(order, k)
				}
				counts[k]++
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("tthc: index disapproved dossiers: %w", err)
		}
	}
	out := make([]aggRow, 0, len(order))
	for _, k := range order {
		out = append(out, aggRow{unit: k.unit, proc: k.proc, a: DailyAggregate{Day: p.From, Disapproved: counts[k]}})
	}
	return out, nil
}

// feedbackCounts are the two feedback indicators of a subset of units (all
// of the subtree, or those under one child): the register's counts of each
// unit, except where a count was entered for the unit and period, which
// replaces the register's for that unit and metric. The entered count is
// the unit's own statement of its figure (feedback it handled outside the
// register, or a period before it kept one), as entered counts replace
// the catalogue's elsewhere in the index; other units keep the register's.
// A subset with no feedback gets 0/0, which the table scores full.
func feedbackCounts(units []FeedbackUnit, entered map[int64]map[string]Count) map[string]Count {
	var onTime, satisfied Count
	for _, u := range units {
		if _, ok := entered[u.UnitID][MetricFeedbackOnTime]; !ok {
			onTime.Num, onTime.Den = onTime.Num+u.OnTime, onTime.Den+u.Judged
		}
		if _, ok := entered[u.UnitID][MetricFeedbackSatisfied]; !ok {
			satisfied.Num, satisfied.Den = satisfied.Num+u.Satisfied, satisfied.Den+u.Rated
		}
	}
	for _, byMetric := range entered {
		if c, ok := byMetric[MetricFeedbackOnTime]; ok {
			onTime.Num, onTime.Den = onTime.Num+c.Num, onTime.Den+c.Den
		}
		if c, ok := byMetric[MetricFeedbackSatisfied]; ok {
			satisfied.Num, satisfied.Den = satisfied.Num+c.Num, satisfied.Den+c.Den
		}
	}
	return map[string]Count{MetricFeedbackOnTime: onTime, MetricFeedbackSatisfied: satisfied}
}

// isFeedbackMetric reports whether the register feeds metric.
func isFeedbackMetric(metric string) bool {
	return metric == MetricFeedbackOnTime || metric == MetricFeedbackSatisfied
}

// DossierInSubtree reports whether code names a dossier held by a unit of
// the subtree at path: what the reception register checks an entry's
// dossier against.
func (s *Store) DossierInSubtree(ctx context.Context, code, path string) (bool, error) {
	var n int
	// On PostgreSQL the code table answers, for archived dossiers too.
	table := "tthc_dossiers"
	if s.db.Dialect == db.Postgres {
		table = "tthc_dossier_codes"
	}
	err := s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE code = $1 AND unit_id IN (`+subtreeUnits(2)+`)`,
		code, escapeLike(path)+"%").Scan(&n)
	if err != nil {
		return false, fmt.Errorf("tthc: dossier %s: %w", code, err)
	}
	return n > 0, nil
}

// feedbackDrill links the two feedback indicators to the cases behind
// their numbers (the register's case list, which shows no citizen's
// identity): the numerator, the denominator, and what the denominator
// loses.
func feedbackDrill(src FeedbackSource, unit UnitInfo, p Period) map[string]drill {
	from, to := p.From.At(0, 0), p.To.At(0, 0)
	link := func(list string) string { return src.FeedbackLink(unit.ID, from, to, list) }
	late, dissatisfied := link(FeedbackLateList), link(FeedbackDissatisfiedList)
	return map[string]drill{
		MetricFeedbackOnTime: {Num: link(FeedbackOnTimeList), Den: link(FeedbackJudgedList), Score: late,
			Minus: []drillLink{{"tthc.drill.feedback_late", late, "late-" + MetricFeedbackOnTime}}},
		MetricFeedbackSatisfied: {Num: link(FeedbackSatisfiedList), Den: link(FeedbackRatedList), Score: dissatisfied,
			Minus: []drillLink{{"tthc.drill.feedback_dissatisfied", dissatisfied, "dissatisfied-" + MetricFeedbackSatisfied}}},
	}
}
