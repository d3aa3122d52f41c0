package tthc

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Verdict is how a dossier stands against its deadline.
type Verdict int

const (
	Undetermined Verdict = iota // no appointment date and no statutory time to judge by
	Early                       // trước hạn: ended on a day before the due day
	OnTime                      // đúng hạn: ended on the due day
	Late                        // quá hạn
)

// String returns the Vietnamese name of the verdict.
func (v Verdict) String() string {
	switch v {
	case Early:
		return "Trước hạn"
	case OnTime:
		return "Đúng hạn"
	case Late:
		return "Quá hạn"
	}
	return "Chưa xác định"
}

// Outcome is the judgement of one dossier with what it was based on, so
// that a drill-down can say why a dossier is late.
type Outcome struct {
	Verdict     Verdict
	End         time.Time // end of processing as judged (the period's end when Open)
	Terminal    Status    // status that ended it; 5 when an unreturned supplement did; 0 when open
	Open        bool      // still in process at the period's end
	Due         time.Time // the deadline after supplement shifts
	LateDays    int       // working days after the due day (Late only)
	Supplements int       // supplement requests before the end
	Reason      string    // Vietnamese explanation
}

// Classify judges dossier d as known at periodEnd (later events are
// ignored), following domain.md §3:
//   - on time iff the end of processing ≤ the appointment date, compared by
//     day: an earlier day is early, the same day on time;
//   - time spent supplementing is not counted: a supplement that records a new
//     appointment (NgayHenTraMoi) replaces the appointment; one that does not
//     pushes it by the working days of the pause, (requested day, completed
//     day] — our reading, since the guidance gives no formula;
//   - a second supplement request makes the dossier late;
//   - a supplement requested and never returned ends processing at the request;
//   - no appointment date: the due date is the statutory time counted from the
//     processing start (Due), pushed by the supplement pauses the same way,
//     which is (end − start − supplement time) ≤ statutory time; with a time
//     in hours the comparison is by the instant, not the day;
//   - a dossier still open at periodEnd is judged with periodEnd as its end.
func Classify(d Dossier, cal *Calendar, statutory ProcessingTime, periodEnd time.Time) Outcome {
	return classify(d, cal, statutory, periodEnd, true)
}

// classify is Classify; without explain it leaves Reason empty, for the
// importer and the aggregates, which judge every dossier and read no reason
// (formatting it cost a few per cent of an import's CPU).
func classify(d Dossier, cal *Calendar, statutory ProcessingTime, periodEnd time.Time, explain bool) Outcome {
	var o Outcome
	var why []string

	end, terminal, closed := endBefore(d, periodEnd)
	sups := knownSupplements(d.Supplements, periodEnd)

	// A supplement never returned ends processing at its request.
	if n := len(sups); n > 0 {
		last := sups[n-1]
		pending := last.CompletedAt.IsZero() || last.CompletedAt.After(periodEnd)
		if pending && (!closed || !last.RequestedAt.After(end)) {
			end, terminal, closed = last.RequestedAt, StatusSupplementRequested, true
			if explain {
				why = append(why, "yêu cầu bổ sung ngày "+DayOf(end).VN()+" chưa được công dân bổ sung: tính kết thúc tại ngày yêu cầu")
			}
		}
	}
	if closed {
		o.End, o.Terminal = end, terminal
		if terminal != StatusSupplementRequested {
			if explain {
				why = append(why, fmt.Sprintf("%s ngày %s", terminal, DayOf(end).VN()))
			}
		}
	} else {
		o.End, o.Open = periodEnd, true
		if explain {
			why = append(why, "đang xử lý tại cuối kỳ "+DayOf(periodEnd).VN())
		}
	}
	for _, s := range sups {
		if !s.RequestedAt.After(o.End) {
			o.Supplements++
		}
	}

	byInstant := false
	switch {
	case !d.AppointmentAt.IsZero():
		o.Due = d.AppointmentAt
	case !statutory.Zero() && !d.Start().IsZero():
		o.Due = Due(cal, cal.ProcessingStart(d), statutory.Amount, statutory.Unit)
		byInstant = statutory.Unit == UnitHours
		if explain {
			why = append(why, fmt.Sprintf("không có ngày hẹn trả: hạn theo thời gian quy định %s", statutory))
		}
	default:
		o.Verdict = Undetermined
		if explain {
			why = append(why, "không có ngày hẹn trả và không rõ thời gian giải quyết theo quy định")
		}
		o.Reason = strings.Join(why, "; ")
		return o
	}
	for _, s := range sups {
		if s.RequestedAt.After(o.End) || s.CompletedAt.IsZero() || s.CompletedAt.After(o.End) {
			continue
		}
		if !s.NewDue.IsZero() {
			o.Due = s.NewDue
			continue
		}
		if k := cal.WorkingDaysBetween(DayOf(s.RequestedAt), DayOf(s.CompletedAt)); k > 0 {
			dueDay := DayOf(o.Due)
			o.Due = o.Due.AddDate(0, 0, int(cal.AddWorkingDays(dueDay, k)-dueDay))
			if explain {
				why = append(why, fmt.Sprintf("hạn lùi %d ngày làm việc do thời gian bổ sung", k))
			}
		}
	}

	endDay, dueDay := DayOf(o.End), DayOf(o.Due)
	switch {
	case o.Supplements >= 2:
		o.Verdict = Late
		if explain {
			why = append(why, fmt.Sprintf("yêu cầu bổ sung lần %d", o.Supplements))
		}
	case endDay > dueDay || (byInstant && o.End.After(o.Due)):
		o.Verdict = Late
		o.LateDays = cal.WorkingDaysBetween(dueDay, endDay)
		if o.LateDays > 0 {
			if explain {
				why = append(why, fmt.Sprintf("quá hạn %d ngày làm việc (hạn %s)", o.LateDays, dueDay.VN()))
			}
		} else {
			if explain {
				why = append(why, fmt.Sprintf("quá hạn (hạn %s, kết thúc %s)", dueDay.VN(), endDay.VN()))
			}
		}
	case endDay < dueDay:
		o.Verdict = Early
		if n := cal.WorkingDaysBetween(endDay, dueDay); n > 0 {
			if explain {
				why = append(why, fmt.Sprintf("trước hạn %d ngày làm việc (hạn %s)", n, dueDay.VN()))
			}
		} else {
			if explain {
				why = append(why, "trước hạn (hạn "+dueDay.VN()+")")
			}
		}
	default:
		o.Verdict = OnTime
		if explain {
			why = append(why, "đúng hạn (hạn "+dueDay.VN()+")")
		}
	}
	o.Reason = strings.Join(why, "; ")
	return o
}

// knownSupplements returns the supplement requests made by limit, in the
// order they were made.
func knownSupplements(all []Supplement, limit time.Time) []Supplement {
	if len(all) == 0 {
		return nil
	}
	out := make([]Supplement, 0, len(all))
	for _, s := range all {
		if !s.RequestedAt.IsZero() && !s.RequestedAt.After(limit) {
			out = append(out, s)
		}
	}
	if !sort.SliceIsSorted(out, func(i, j int) bool { return out[i].RequestedAt.Before(out[j].RequestedAt) }) {
		sort.SliceStable(out, func(i, j int) bool { return out[i].RequestedAt.Before(out[j].RequestedAt) })
	}
	return out
}
