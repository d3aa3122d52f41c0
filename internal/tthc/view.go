package tthc

import "papihub/internal/platform/vn"

// Percent writes the ratio as a Vietnamese percentage, or "—" without one.
func (r IndicatorResult) Percent() string {
	if r.Ratio == nil {
		return "—"
	}
	return vn.FormatDecimal(*r.Ratio*100, 1) + "%"
}

// ScoreText writes the score, or N/A.
func (r IndicatorResult) ScoreText() string {
	if r.NA {
		return "N/A"
	}
	return vn.FormatDecimal(r.Score, 2)
}

// ScoreText writes the group's score, or N/A.
func (g GroupResult) ScoreText() string {
	if g.NA {
		return "N/A"
	}
	return vn.FormatDecimal(g.Score, 2)
}

// Class is a CSS class for a verdict.
func (v Verdict) Class() string {
	switch v {
	case Early, OnTime:
		return "good"
	case Late:
		return "bad"
	}
	return "neutral"
}
