package plan

import (
	"errors"
	"time"
)

// A Frequency says how often a task falls due.
type Frequency string

const (
	Once       Frequency = "once"       // one due date
	Continuous Frequency = "continuous" // thường xuyên: ongoing, reported every ReportEvery period
	Monthly    Frequency = "monthly"
	Quarterly  Frequency = "quarterly"
	HalfYearly Frequency = "half_yearly"
	Yearly     Frequency = "yearly"
)

// A Recurrence is a task's schedule.
//
// For every frequency but Once, each period yields one instance due on the
// period's last day plus OffsetDays. The offset counts from the end, not
// from the start of the period, because plans phrase deadlines that way: "báo
// cáo trước ngày 05 của tháng đầu quý sau" is +5, "trước 5 ngày cuối kỳ" is
// -5. A positive offset lands on the same day of the next month whatever the
// month's length (end of January + 5 = 5 February, end of February + 5 =
// 5 March); a negative one counts back from the month's own last day, so -3
// is 28 January but 25 February (26 in a leap year). A fixed day of the same
// month ("by the 25th") is therefore not expressible; the nearest negative
// offset drifts with the month's length.
type Recurrence struct {
	Frequency   Frequency
	Due         time.Time  // Once: the due date
	ReportEvery PeriodKind // Continuous: the reporting period
	OffsetDays  int        // all but Once: days after (or, negative, before) the period's end
}

// Validate reports what is missing from a recurrence, in Vietnamese.
func (r Recurrence) Validate() error {
	switch r.Frequency {
	case Once:
		if r.Due.IsZero() {
			return errors.New("nhiệm vụ một lần cần có hạn hoàn thành")
		}
	case Continuous:
		if r.ReportEvery.months() == 0 {
			return errors.New("nhiệm vụ thường xuyên cần có kỳ báo cáo (tháng, quý, 6 tháng hoặc năm)")
		}
	case Monthly, Quarterly, HalfYearly, Yearly:
	default:
		return errors.New("tần suất không hợp lệ")
	}
	return nil
}

// periodKind returns the kind of period that one instance covers.
func (r Recurrence) periodKind() PeriodKind {
	switch r.Frequency {
	case Continuous:
		return r.ReportEvery
	case Monthly:
		return Month
	case Quarterly:
		return Quarter
	case HalfYearly:
		return HalfYear
	case Yearly:
		return Year
	}
	return ""
}

// Instances returns the instances the recurrence yields between from and to
// (calendar days, inclusive), new and not started. A periodic task yields
// one instance for every period that shares a day with the range, even if its
// due date (after a negative offset) falls outside it. A one-off task yields
// one instance with the zero Period when its due day is within the range. An
// invalid recurrence yields nothing; Validate says why.
func Instances(rec Recurrence, from, to time.Time) []Instance {
	if rec.Validate() != nil {
		return nil
	}
	if rec.Frequency == Once {
		d := dayOf(rec.Due)
		if d.Before(dayOf(from)) || d.After(dayOf(to)) {
			return nil
		}
		return []Instance{{Due: d, Status: NotStarted}}
	}
	periods := PeriodsIn(rec.periodKind(), from, to)
	out := make([]Instance, len(periods))
	for i, p := range periods {
		out[i] = Instance{Period: p, Due: p.End().AddDate(0, 0, rec.OffsetDays), Status: NotStarted}
	}
	return out
}
