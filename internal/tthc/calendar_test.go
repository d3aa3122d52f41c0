package tthc

import (
	"strings"
	"testing"
	"time"
)

func day(s string) Day {
	d, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

var seed = SeedCalendar()

func TestTheSeedKnowsHolidaysAndSwaps(t *testing.T) {
	for _, tc := range []struct {
		day  string
		want bool
	}{
		{"2026-02-13", true},  // Friday before the Tết 2026 break
		{"2026-02-14", false}, // Saturday, the break's first day
		{"2026-02-16", false}, // 29 Chạp
		{"2026-02-20", false}, // mùng 4
		{"2026-02-23", true},  // back to work
		{"2024-02-09", false}, // Tết 2024
		{"2025-01-27", false}, // swapped with Saturday 08/02/2025
		{"2025-02-08", true},  // the Saturday worked for it
		{"2024-05-04", true},  // Saturday worked for 29/4/2024
		{"2024-04-18", false}, // Hùng Kings 2024
		{"2025-04-07", false}, // Hùng Kings 2025
		{"2026-04-27", false}, // Hùng Kings 2026 fell on Sunday 26/4: the Monday is off
		{"2027-04-16", false}, // Hùng Kings 2027
		{"2025-09-01", false}, // 2/9 plus an adjacent day
		{"2026-01-01", false},
		{"2026-08-14", true}, // an ordinary Friday
		{"2026-08-15", false},
	} {
		if got := seed.IsWorkingDay(day(tc.day)); got != tc.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.day, got, tc.want)
		}
	}
}

func TestWorkingDayArithmeticSkipsTheTetBreak(t *testing.T) {
	// Thu 12/02/2026 + 3 working days: Fri 13 (1), break 14–22, Mon 23 (2), Tue 24 (3).
	if got := seed.AddWorkingDays(day("2026-02-12"), 3); got != day("2026-02-24") {
		t.Fatalf("AddWorkingDays = %s, want 2026-02-24", got)
	}
	// (13/02, 24/02]: Mon 23 and Tue 24 are the only working days.
	if got := seed.WorkingDaysBetween(day("2026-02-13"), day("2026-02-24")); got != 2 {
		t.Fatalf("WorkingDaysBetween = %d, want 2", got)
	}
	// Fri 03/05/2024 + 1: Saturday 04/05/2024 was worked.
	if got := seed.AddWorkingDays(day("2024-05-03"), 1); got != day("2024-05-04") {
		t.Fatalf("AddWorkingDays over a swap = %s, want 2024-05-04", got)
	}
}

func TestDueInEachUnit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		start  string
		amount int
		unit   Unit
		want   string
	}{
		// Wed 11/02: Thu 12 (1), Fri 13 (2), Mon 23 (3), Tue 24 (4), Wed 25 (5).
		{"five working days across Tết 2026", "2026-02-11 09:00", 5, UnitWorkingDays, "2026-02-25 17:00"},
		// Mon 10/08 + 3: Tue 11, Wed 12, Thu 13.
		{"three working days in an ordinary week", "2026-08-10 16:59", 3, UnitWorkingDays, "2026-08-13 17:00"},
		// 10/02 + 10 days = Fri 20/02, a Tết holiday → close of Mon 23/02 (Civil Code art. 148).
		{"calendar days ending in a holiday move to the next working day", "2026-02-10 10:00", 10, UnitDays, "2026-02-23 17:00"},
		// 31/01 + 1 month: February has no 31st → 28/02/2026, a Saturday → Mon 02/03.
		{"a month from the 31st ends on the month's last day, then the next working day", "2026-01-31 10:00", 1, UnitMonths, "2026-03-02 17:00"},
		// 15/07 + 1 month = Sat 15/08 → Mon 17/08.
		{"a month ending on a Saturday", "2026-07-15 10:00", 1, UnitMonths, "2026-08-17 17:00"},
		// Fri 14/08 15:00: 2 h to 17:00, then Mon 17/08 07:30 + 2 h.
		{"office hours carry over the weekend", "2026-08-14 15:00", 4, UnitHours, "2026-08-17 09:30"},
		// Tue 06:00 → opens 07:30, + 8 h = 15:30.
		{"hours counted before opening start at the opening", "2026-08-11 06:00", 8, UnitHours, "2026-08-11 15:30"},
		{"zero working days on a working day is that day", "2026-08-11 10:00", 0, UnitWorkingDays, "2026-08-11 17:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Due(seed, at(tc.start), tc.amount, tc.unit); !got.Equal(at(tc.want)) {
				t.Fatalf("Due = %s, want %s", got.In(Location).Format("2006-01-02 15:04"), tc.want)
			}
		})
	}
}

func TestOnlineSubmissionsOutOfHoursStartAtTheNextOpening(t *testing.T) {
	cal := SeedCalendar()
	friNight := Dossier{Channel: ChannelOnline, SubmittedAt: at("2026-08-14 20:00")}
	if got := cal.ProcessingStart(friNight); !got.Equal(at("2026-08-17 07:30")) {
		t.Fatalf("Friday 20:00 online starts %v, want Monday 07:30", got)
	}
	early := Dossier{Channel: ChannelOnline, SubmittedAt: at("2026-08-11 06:00")}
	if got := cal.ProcessingStart(early); !got.Equal(at("2026-08-11 07:30")) {
		t.Fatalf("Tuesday 06:00 online starts %v, want Tuesday 07:30", got)
	}
	inPerson := Dossier{Channel: ChannelInPerson, ReceivedAt: at("2026-08-15 09:00")}
	if got := cal.ProcessingStart(inPerson); !got.Equal(at("2026-08-15 09:00")) {
		t.Fatalf("an in-person reception is taken as recorded, got %v", got)
	}
	cal.OutOfHoursNextDay = false
	if got := cal.ProcessingStart(friNight); !got.Equal(at("2026-08-14 20:00")) {
		t.Fatalf("with the rule off the submission time counts, got %v", got)
	}
}

func TestParseCalendarCSVNamesTheBadLine(t *testing.T) {
	_, err := ParseCalendarCSV(strings.NewReader("date,kind,name\n2026-01-01,holiday,x\n2026-13-01,holiday,y\n"))
	if err == nil || !strings.Contains(err.Error(), "dòng 3") {
		t.Fatalf("err = %v, want it to name line 3", err)
	}
	_, err = ParseCalendarCSV(strings.NewReader("date,kind,name\n2026-01-01,off,x\n"))
	if err == nil || !strings.Contains(err.Error(), "holiday hoặc workday") {
		t.Fatalf("err = %v, want the allowed kinds", err)
	}
}

func TestParseUnitReadsTheCatalogueSpelling(t *testing.T) {
	for in, want := range map[string]Unit{"Ngày làm việc": UnitWorkingDays, "ngày": UnitDays, "Giờ": UnitHours, "THÁNG": UnitMonths} {
		if got, err := ParseUnit(in); err != nil || got != want {
			t.Errorf("ParseUnit(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseUnit("tuần"); err == nil {
		t.Error("an unknown unit was accepted")
	}
}

func TestDayArithmeticMatchesTheTimePackage(t *testing.T) {
	d := DayOf(at("2026-10-08 23:59"))
	if d.String() != "2026-10-08" || d.Weekday() != time.Thursday || d.VN() != "08/10/2026" {
		t.Fatalf("day = %s %v %s", d, d.Weekday(), d.VN())
	}
}

func TestWorkingDaysBetweenAgreesWithCountingDayByDay(t *testing.T) {
	slow := func(from, to Day) int {
		n := 0
		for d := from + 1; d <= to; d++ {
			if seed.IsWorkingDay(d) {
				n++
			}
		}
		return n
	}
	start := day("2023-12-20")
	for from := start; from < start+40; from += 3 {
		for to := from - 2; to < from+1200; to += 17 {
			if got, want := seed.WorkingDaysBetween(from, to), slow(from, to); got != want {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", from, to, got, want)
			}
		}
	}
}
