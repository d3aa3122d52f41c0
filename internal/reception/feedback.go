package reception

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// FeedbackCounts are the service index's two feedback indicators (domain
// §3, §5.1) for the petitions and reflections of one unit in a period:
// PETITION_PROCESSING_ON_TIME is OnTime over Judged, and
// PETITION_HANDLING_SATISFACTION Satisfied over Rated. A zero denominator
// means no feedback in the period, which the index scores full.
type FeedbackCounts struct {
	UnitID           int64
	OnTime, Judged   int
	Satisfied, Rated int
}

// The lists of cases behind the feedback counts (CaseFilter.List).
const (
	FeedbackOnTime       = "on_time"      // due in the period, answered by the due day
	FeedbackJudged       = "judged"       // due in the period and judged
	FeedbackLate         = "late"         // judged, not on time (answered late, or unanswered past due)
	FeedbackRated        = "rated"        // answered in the period and rated
	FeedbackSatisfied    = "satisfied"    // … rated satisfied
	FeedbackDissatisfied = "dissatisfied" // … rated not satisfied
)

// FeedbackLists are the lists in the order the case page offers them.
var FeedbackLists = []string{FeedbackJudged, FeedbackOnTime, FeedbackLate, FeedbackRated, FeedbackSatisfied, FeedbackDissatisfied}

// FeedbackCasesURL is the case list behind a feedback count of unit's
// subtree over from..to: the service index's drill-down.
func FeedbackCasesURL(unitID int64, from, to time.Time, list string) string {
	return "/reception/cases?" + url.Values{"unit": {strconv.FormatInt(unitID, 10)}, "show": {"all"}, "list": {list},
		"from": {fmtDay(from)}, "to": {fmtDay(to)}}.Encode()
}

// FeedbackByUnit counts the feedback indicators of scope (a unit path) for
// from..to, one row per unit with something judged or rated. It is the
// count the plan's measures (reception.feedback_*) sum and the service index
// reads per unit (cmd/papihub wires it into tthc), so both always say the
// same number. The rule is caseCounts' (judged at the period's end, or
// today while it runs), read from the daily counts the writes keep
// (feedback_fold.go) rather than from the cases.
func (s *Store) FeedbackByUnit(ctx context.Context, scope string, from, to time.Time) ([]FeedbackCounts, error) {
	at, lateBefore := judgedAt(to, s.Today())
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `SELECT unit_id,
	COALESCE(SUM(on_time), 0),
	COALESCE(SUM(CASE WHEN day < $5 THEN not_ended ELSE answered END), 0),
	COALESCE(SUM(CASE WHEN day <= $4 THEN satisfied ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN day <= $4 THEN rated ELSE 0 END), 0)
FROM reception_feedback_daily WHERE `+inScope("unit_id", 1)+` AND day >= $2 AND day <= $3 GROUP BY unit_id ORDER BY unit_id`,
		escapeLike(scope)+"%", fmtDay(from), fmtDay(to), fmtDay(at), fmtDay(lateBefore))
	if err != nil {
		return nil, fmt.Errorf("reception: feedback: %w", err)
	}
	defer rows.Close()
	var out []FeedbackCounts
	for rows.Next() {
		var c FeedbackCounts
		if err := rows.Scan(&c.UnitID, &c.OnTime, &c.Judged, &c.Satisfied, &c.Rated); err != nil {
			return nil, fmt.Errorf("reception: feedback: %w", err)
		}
		if c.Judged+c.Rated > 0 {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// SumFeedback adds up the rows of FeedbackByUnit.
func SumFeedback(rows []FeedbackCounts) FeedbackCounts {
	var t FeedbackCounts
	for _, r := range rows {
		t.OnTime += r.OnTime
		t.Judged += r.Judged
		t.Satisfied += r.Satisfied
		t.Rated += r.Rated
	}
	return t
}

// DisapprovedDossiers lists the dossier codes that the register holds a
// complaint or a dislike about in from..to, each once, for the service
// index's DOSSIER_RECEIVING_SATISFACTION (domain §3: the dossiers
// "complained about or disliked" leave its numerator):
//   - a complaint (khiếu nại: against the agency's decision or act, here
//     the handling of the dossier) received in the period and naming the
//     dossier, however the desk handled it;
//   - a petition or reflection naming the dossier whose answer, given in
//     the period, the citizen rated not satisfied (the rating counts in the
//     period of the answer, as PETITION_HANDLING_SATISFACTION counts it).
//
// A denunciation is about an official, not the dossier's handling, and does
// not count. Entries of scope and of the units above it count: a complaint
// about a commune's dossier may be received at the province's desk (an
// entry's dossier is checked to lie under the entry's unit when it is
// written). Which of the codes are dossiers of the index's subtree is the
// index's to decide.
func (s *Store) DisapprovedDossiers(ctx context.Context, scope string, from, to time.Time) ([]string, error) {
	at, _ := judgedAt(to, s.Today())
	units := `unit_id IN (SELECT id FROM units WHERE path LIKE $1 ESCAPE '\' OR substr($4, 1, length(path)) = path)`
	// Complaints: the few entries naming a dossier, by day (the partial
	// index reception_entries_dossier; "+" keeps SQLite from reading every
	// complaint of the scope by unit instead). Dislikes: the answers rated
	// not satisfied in the period (the partial index
	// reception_cases_dissatisfied), not every answer of the period.
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `SELECT DISTINCT e.dossier_code FROM reception_entries e
WHERE e.dossier_code <> '' AND e.received_on >= $2 AND e.received_on <= $3 AND e.kind = 'complaint' AND +e.`+units+`
UNION
SELECT e.dossier_code FROM reception_cases c JOIN reception_entries e ON e.id = c.entry_id
WHERE c.rating = 'dissatisfied' AND c.decided_on >= $2 AND c.decided_on <= $3 AND +c.`+units+` AND c.kind IN ('petition', 'reflection')
	AND e.dossier_code <> ''
ORDER BY 1`, escapeLike(scope)+"%", fmtDay(from), fmtDay(at), scope)
	if err != nil {
		return nil, fmt.Errorf("reception: disapproved dossiers: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, fmt.Errorf("reception: disapproved dossiers: %w", err)
		}
		out = append(out, code)
	}
	return out, rows.Err()
}
