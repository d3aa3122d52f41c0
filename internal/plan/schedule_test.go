package plan

import (
	"testing"
	"time"
)

func TestDeadlinesInWordsBecomeADueDateOrARecurrence(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	once := func(s string) Recurrence { return Recurrence{Frequency: Once, Due: day(s)} }
	for _, tc := range []struct {
		text string
		want Recurrence
		ok   bool
	}{
		{"Quý II/2026", once("2026-06-30"), true},
		{"Quý II", once("2026-06-30"), true},
		{"quý 4 năm 2027", once("2027-12-31"), true},
		{"trước ngày 30/6", once("2026-06-30"), true},
		{"Trước ngày 30/6/2027", once("2027-06-30"), true},
		{"hoàn thành trước ngày 15 tháng 8", once("2026-08-15"), true},
		{"trong tháng 3/2026", once("2026-03-31"), true},
		{"Tháng 9", once("2026-09-30"), true},
		{"10/2026", once("2026-10-31"), true},
		{"6 tháng đầu năm", once("2026-06-30"), true},
		{"6 tháng cuối năm 2026", once("2026-12-31"), true},
		{"Năm 2026", once("2026-12-31"), true},
		{"Thời gian: 31/12/2026.", once("2026-12-31"), true},
		{"Thường xuyên", DefaultRecurrence, true},
		{"Thường xuyên, báo cáo hằng tháng", Recurrence{Frequency: Continuous, ReportEvery: Month}, true},
		{"", DefaultRecurrence, true},
		{"Trong năm", DefaultRecurrence, true},
		{"định kỳ hằng quý", Recurrence{Frequency: Quarterly}, true},
		{"Hàng quý", Recurrence{Frequency: Quarterly}, true},
		{"Hằng tháng (trước ngày cuối tháng)", Recurrence{Frequency: Monthly}, true},
		{"6 tháng/lần", Recurrence{Frequency: HalfYearly}, true},
		{"tháng 6 và tháng 12 hằng năm", Recurrence{Frequency: HalfYearly}, true},
		{"Hằng năm", Recurrence{Frequency: Yearly}, true},
		{"năm 2026 và các năm tiếp theo", Recurrence{Frequency: Yearly}, true},
		// 31 October is 61 days before 31 December (30 + 31).
		{"tháng 10 hằng năm", Recurrence{Frequency: Yearly, OffsetDays: -61}, true},
		// 15 December is 16 days before the year's end.
		{"trước 15/12 hằng năm", Recurrence{Frequency: Yearly, OffsetDays: -16}, true},
		// 31 March: 275 days before (30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31).
		{"Quý I hằng năm", Recurrence{Frequency: Yearly, OffsetDays: -275}, true},
		// The 5th of the next month for the month just ended.
		{"trước ngày 05 hằng tháng", Recurrence{Frequency: Monthly, OffsetDays: 5}, true},
		// Not understood: the caller reports it and falls back.
		{"trước ngày 25 hằng tháng", DefaultRecurrence, false},
		{"31/02/2026", DefaultRecurrence, false},
		{"Quý II và Quý IV/2026", DefaultRecurrence, false},
		{"khi có yêu cầu", DefaultRecurrence, false},
	} {
		got, ok := ParseDue(tc.text, 2026)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseDue(%q) = %+v, %v; want %+v, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAYearlyDeadlineFallsOnTheSameDayEveryYear(t *testing.T) {
	rec, _ := ParseDue("trước 15/12 hằng năm", 2026)
	got := schedule(PlanInstances(rec, 2027))
	if want := []string{"2027→2027-12-15"}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("instances %v, want %v", got, want)
	}
}
