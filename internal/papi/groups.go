package papi

import (
	"fmt"
	"slices"
	"strings"

	"papihub/internal/platform/vn"
)

// MinCellSize is the fewest respondents a published result may rest on:
// smaller groups are not scored, so that no answer can be traced to a person.
const MinCellSize = 10

// GroupScore is the score of the respondents sharing one value of a group
// column (a sex, an age group, a commune).
type GroupScore struct {
	Value      string
	N          int
	Suppressed bool // fewer than MinCellSize respondents: Score is empty
	Score      SurveyScore
	// Problem says why part of the group could not be scored: a sub-dimension
	// none of its members answered (Score.Unanswered). That dimension and the
	// total are marked not estimable; the group's other dimensions are scored.
	Problem string
}

// ScoreByGroup scores each value of a group column separately, in
// Vietnamese-folded order of the values. Each group is a domain of the whole
// sample: its bootstrap resamples the whole design (see scoreRespondents).
//
// A group in which nobody answered some sub-dimension is not an error: the
// group reports it (GroupScore.Problem) and the dimensions that need that
// sub-dimension, and its total, are not estimable, while the other groups and
// its other dimensions are scored. Only a problem of the whole call (the
// column, weights, the framework) is returned as an error.
func ScoreByGroup(fw ScoringFramework, r *Responses, column string, opt ScoreOptions) ([]GroupScore, error) {
	vals, ok := r.Groups[column]
	if !ok {
		return nil, fmt.Errorf("papi: %q is not a group column of the responses", column)
	}
	members := map[string][]int{}
	for i, v := range vals {
		members[v] = append(members[v], i)
	}
	keys := make([]string, 0, len(members))
	for k := range members {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := compareFolded(a, b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var out []GroupScore
	for _, k := range keys {
		g := GroupScore{Value: k, N: len(members[k])}
		if g.N < MinCellSize {
			g.Suppressed = true
		} else {
			s, err := scoreRespondents(fw, r, members[k], opt, true)
			if err != nil {
				return nil, fmt.Errorf("papi: group %s=%s: %w", column, k, err)
			}
			g.Score = s
			if len(s.Unanswered) > 0 {
				g.Problem = fmt.Sprintf("nobody in the group answered sub-dimension %s: %s and the total are not estimable",
					strings.Join(s.Unanswered, ", "), strings.Join(s.notEstimable(), ", "))
			}
		}
		out = append(out, g)
	}
	return out, nil
}

func compareFolded(a, b string) int { return strings.Compare(vn.Fold(a), vn.Fold(b)) }

// notEstimable lists the codes of the dimensions marked not estimable.
func (s SurveyScore) notEstimable() []string {
	var out []string
	for _, d := range s.Dimensions {
		if d.NotEstimable {
			out = append(out, d.Code)
		}
	}
	return out
}
