package tthc

import (
	"strings"
	"testing"
	"time"
)

// Fixtures that read like the domain: dossier(received(...), due(...), resolvedAt(...)).
type option func(*Dossier)

func dossier(opts ...option) Dossier {
	d := Dossier{Code: "H15.50.05.13-260803-0001", Channel: ChannelInPerson}
	for _, o := range opts {
		o(&d)
	}
	return d
}

func received(when string) option {
	return func(d *Dossier) { d.ReceivedAt = at(when); d.Events = append(d.Events, ev(StatusReceived, when)) }
}
func submittedOnline(when string) option {
	return func(d *Dossier) {
		d.Channel, d.SubmittedAt = ChannelOnline, at(when)
		d.Events = append(d.Events, ev(StatusSubmittedOnline, when))
	}
}
func due(date string) option { return func(d *Dossier) { d.AppointmentAt = at(date + " 00:00") } }
func status(s Status, when string) option {
	return func(d *Dossier) { d.Events = append(d.Events, ev(s, when)) }
}
func resolvedAt(when string) option { return status(StatusResolved, when) }
func supplement(requested, completed, newDue string) option {
	return func(d *Dossier) {
		s := Supplement{RequestedAt: at(requested)}
		if completed != "" {
			s.CompletedAt = at(completed)
		}
		if newDue != "" {
			s.NewDue = at(newDue + " 00:00")
		}
		d.Supplements = append(d.Supplements, s)
	}
}

var (
	endOfAugust = at("2026-08-31 23:59")
	tenDays     = ProcessingTime{10, UnitWorkingDays}
	fiveDays    = ProcessingTime{5, UnitWorkingDays}
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name      string
		d         Dossier
		statutory ProcessingTime
		period    time.Time
		want      Verdict
		lateDays  int
		reason    string // a phrase the explanation must contain
	}{
		{"resolved on the due day is on time",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), resolvedAt("2026-08-14 16:30")), tenDays, endOfAugust, OnTime, 0, "đúng hạn"},
		{"resolved the day before the due day is early",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), resolvedAt("2026-08-13 09:00")), tenDays, endOfAugust, Early, 0, "trước hạn 1 ngày làm việc"},
		// Due Fri 14/08, resolved Mon 17/08: (14/08, 17/08] holds one working day.
		{"resolved the next Monday is one working day late",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), resolvedAt("2026-08-17 08:00")), tenDays, endOfAugust, Late, 1, "quá hạn 1 ngày làm việc"},
		{"the resolution stops the clock, not the later return",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), resolvedAt("2026-08-14 10:00"), status(StatusReturned, "2026-08-20 10:00")), tenDays, endOfAugust, OnTime, 0, "Đã giải quyết xong"},
		{"a result returned late without a resolution is late",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), status(StatusReturned, "2026-08-18 10:00")), tenDays, endOfAugust, Late, 2, "quá hạn 2 ngày làm việc"},
		{"a supplement with a new appointment replaces the appointment",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), supplement("2026-08-06 09:00", "2026-08-10 09:00", "2026-08-18"), resolvedAt("2026-08-18 15:00")), tenDays, endOfAugust, OnTime, 0, "đúng hạn (hạn 18/08/2026)"},
		// Pause (Thu 06/08, Mon 10/08] = Fri 07 + Mon 10 = 2 working days: due Fri 14/08 → Tue 18/08.
		{"a supplement without a new appointment pushes it by the working days of the pause",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), supplement("2026-08-06 09:00", "2026-08-10 09:00", ""), resolvedAt("2026-08-18 15:00")), tenDays, endOfAugust, OnTime, 0, "hạn lùi 2 ngày làm việc"},
		{"one day past the pushed appointment is late",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), supplement("2026-08-06 09:00", "2026-08-10 09:00", ""), resolvedAt("2026-08-19 15:00")), tenDays, endOfAugust, Late, 1, "quá hạn 1 ngày làm việc (hạn 18/08/2026)"},
		{"a second supplement request makes it late even when resolved early",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"),
				supplement("2026-08-04 09:00", "2026-08-05 09:00", ""), supplement("2026-08-06 09:00", "2026-08-07 09:00", ""),
				resolvedAt("2026-08-10 09:00")), tenDays, endOfAugust, Late, 0, "yêu cầu bổ sung lần 2"},
		{"a supplement never returned ends at its request",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), supplement("2026-08-12 09:00", "", "")), tenDays, endOfAugust, Early, 0, "chưa được công dân bổ sung"},
		{"a stop after an unreturned supplement still ends at the request",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), supplement("2026-08-12 09:00", "", ""), status(StatusStopped, "2026-08-28 09:00")), tenDays, endOfAugust, Early, 0, "chưa được công dân bổ sung"},
		// Received Mon 03/08, 5 working days: 04, 05, 06, 07, 10 → due Mon 10/08.
		{"no appointment: resolved on the statutory due day is on time",
			dossier(received("2026-08-03 08:00"), resolvedAt("2026-08-10 16:00")), fiveDays, endOfAugust, OnTime, 0, "không có ngày hẹn trả"},
		{"no appointment: a day past the statutory time is late",
			dossier(received("2026-08-03 08:00"), resolvedAt("2026-08-11 08:00")), fiveDays, endOfAugust, Late, 1, "quá hạn 1 ngày làm việc (hạn 10/08/2026)"},
		// Due 10/08 pushed by (05/08, 07/08] = 06, 07 → 2 working days → Wed 12/08.
		{"no appointment: supplement time is not counted",
			dossier(received("2026-08-03 08:00"), supplement("2026-08-05 09:00", "2026-08-07 09:00", ""), resolvedAt("2026-08-12 16:00")), fiveDays, endOfAugust, OnTime, 0, "đúng hạn (hạn 12/08/2026)"},
		{"no appointment and no statutory time cannot be judged",
			dossier(received("2026-08-03 08:00"), resolvedAt("2026-08-12 16:00")), ProcessingTime{}, endOfAugust, Undetermined, 0, "không rõ thời gian"},
		// Open, due Fri 14/08, judged at 31/08: (14/08, 31/08] = 17–21, 24–28, 31 = 11 working days.
		{"a dossier open past its due date at the period's end is late",
			dossier(received("2026-08-03 08:00"), due("2026-08-14")), tenDays, endOfAugust, Late, 11, "đang xử lý tại cuối kỳ 31/08/2026"},
		{"a resolution after the period's end is not known at its end",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), resolvedAt("2026-09-02 08:00")), tenDays, endOfAugust, Late, 11, "đang xử lý"},
		{"an open dossier not yet due is not late",
			dossier(received("2026-08-24 08:00"), due("2026-09-07")), tenDays, endOfAugust, Early, 0, "đang xử lý"},
		// Received Wed 11/02/2026, 5 working days: 12, 13, (break 14–22), 23, 24, 25 → due 25/02.
		{"a statutory deadline crossing Tết 2026 skips the break",
			dossier(received("2026-02-11 09:00"), resolvedAt("2026-02-25 16:00")), fiveDays, endOfAugust, OnTime, 0, "đúng hạn (hạn 25/02/2026)"},
		{"a Tết-crossing deadline missed by a day",
			dossier(received("2026-02-11 09:00"), resolvedAt("2026-02-26 09:00")), fiveDays, endOfAugust, Late, 1, "quá hạn 1 ngày làm việc"},
		{"a withdrawal ends processing and is judged at the withdrawal",
			dossier(received("2026-08-03 08:00"), due("2026-08-14"), status(StatusWithdrawn, "2026-08-05 10:00")), tenDays, endOfAugust, Early, 0, "Công dân yêu cầu rút hồ sơ ngày 05/08/2026"},
		{"a refusal at reception ends processing at the refusal",
			dossier(submittedOnline("2026-08-03 10:00"), due("2026-08-14"), status(StatusRefused, "2026-08-04 08:00")), tenDays, endOfAugust, Early, 0, "Từ chối tiếp nhận"},
		// Submitted Fri 14/08 20:00 online → starts Mon 17/08 07:30; 1 working day → Tue 18/08.
		{"an online submission after hours counts from the next working day",
			dossier(submittedOnline("2026-08-14 20:00"), resolvedAt("2026-08-18 16:00")), ProcessingTime{1, UnitWorkingDays}, endOfAugust, OnTime, 0, "đúng hạn (hạn 18/08/2026)"},
		// Fri 14/08 15:00 + 4 office hours = Mon 17/08 09:30: by the instant, 11:00 is late.
		{"a time in hours is compared by the instant",
			dossier(received("2026-08-14 15:00"), resolvedAt("2026-08-17 11:00")), ProcessingTime{4, UnitHours}, endOfAugust, Late, 0, "quá hạn (hạn 17/08/2026"},
		{"a time in hours met within the hour",
			dossier(received("2026-08-14 15:00"), resolvedAt("2026-08-17 09:00")), ProcessingTime{4, UnitHours}, endOfAugust, OnTime, 0, "đúng hạn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Classify(tc.d, seed, tc.statutory, tc.period)
			if got.Verdict != tc.want || got.LateDays != tc.lateDays {
				t.Fatalf("Classify = %v (%d late days), want %v (%d): %s", got.Verdict, got.LateDays, tc.want, tc.lateDays, got.Reason)
			}
			if !strings.Contains(got.Reason, tc.reason) {
				t.Fatalf("reason %q does not say %q", got.Reason, tc.reason)
			}
		})
	}
}

func TestClassifyMarksOpenDossiers(t *testing.T) {
	o := Classify(dossier(received("2026-08-03 08:00"), due("2026-08-14")), seed, tenDays, endOfAugust)
	if !o.Open || o.Terminal != 0 || !o.End.Equal(endOfAugust) {
		t.Fatalf("open dossier outcome = %+v", o)
	}
}
