package portal

import "testing"

func TestAReportsPeriodIsNamedInThePagesLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, key, label, want string }{
		{"vi", "2026Q1", "quý I năm 2026", "quý I năm 2026"}, // the plan room's own words
		{"en", "2026Q1", "quý I năm 2026", "Q1 2026"},
		{"en", "2026S2", "6 tháng cuối năm 2026", "half 2 of 2026"},
		{"en", "2026-03", "tháng 3 năm 2026", "month 3 of 2026"},
		{"en", "2026", "năm 2026", "the year 2026"},
		{"en", "2026Q5", "?", "?"}, // not a key the plan room writes
		{"en", "", "", ""},
		{"vi", "2026Q2", "", "quý 2 năm 2026"},
	} {
		if got := periodName(tc.lang, tc.key, tc.label); got != tc.want {
			t.Errorf("periodName(%s, %q) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}
