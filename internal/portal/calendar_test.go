package portal

import (
	"strings"
	"testing"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
)

func TestASessionTakesItsWrittenHoursOrItsPartsOfficeHours(t *testing.T) {
	day := time.Date(2026, 8, 17, 0, 0, 0, 0, vn.Location())
	for _, tc := range []struct {
		part, hours string
		start, end  string // hh:mm in Viet Nam
	}{
		{"morning", "07:30–11:30", "07:30", "11:30"},
		{"morning", "8h - 11h", "08:00", "11:00"},
		{"afternoon", "13.30-16.30", "13:30", "16:30"},
		{"afternoon", "14:00 đến 17:00", "14:00", "17:00"},
		{"morning", "7g30—11g", "07:30", "11:00"},
		{"morning", "", "07:30", "11:30"},
		{"afternoon", "", "13:30", "17:00"},
		{"day", "", "07:30", "17:00"},
		{"morning", "sáng thứ Hai", "07:30", "11:30"},  // not a span: the part's hours
		{"morning", "11:30-07:30", "07:30", "11:30"},   // ends before it starts
		{"afternoon", "25:00-26:00", "13:30", "17:00"}, // no such hour
	} {
		start, end := sessionTimes(day, tc.part, tc.hours)
		if got := start.Format("15:04") + "–" + end.Format("15:04"); got != tc.start+"–"+tc.end || start.Day() != 17 || start.Location() != vn.Location() {
			t.Errorf("%s %q: %s on %s, want %s–%s", tc.part, tc.hours, got, start.Format("2006-01-02 MST"), tc.start, tc.end)
		}
	}
}

func TestTheReceptionFeedHasOneEventPerSessionWithAStableUID(t *testing.T) {
	a := Agency{Unit: org.Unit{Code: "000.07.00.H33", Name: "Sở Khoa học và Công nghệ"}}
	day := func(s string) time.Time { d, _ := time.ParseInLocation("2006-01-02", s, vn.Location()); return d }
	sessions := []ReceptionSession{
		{ID: 12, Date: day("2026-08-17"), Part: "morning", Hours: "07:30–11:30", Host: "Nguyễn Văn A", HostTitle: "Giám đốc Sở", Head: true,
			Place: "Phòng tiếp công dân", Format: "Trực tiếp", Unit: "Sở Khoa học và Công nghệ"},
		{ID: 13, Date: day("2026-08-18"), Part: "afternoon", Host: "Trần Thị B", HostTitle: "Phó Giám đốc Sở", Place: "Tầng 2; phòng 201"},
	}
	stamp := time.Date(2026, 8, 1, 2, 3, 4, 0, time.UTC)
	got := string(receptionFeed(a, sessions, stamp, "vi").Bytes())
	want := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
		"PRODID:-//PAPI Hub//Lịch tiếp công dân//VI\r\n" +
		"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n" +
		"X-WR-CALNAME:Lịch tiếp công dân — Sở Khoa học và Công nghệ\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:tiep-cong-dan-12@000.07.00.H33.papihub\r\n" +
		"DTSTAMP:20260801T020304Z\r\n" +
		"DTSTART:20260817T003000Z\r\n" + // 07:30 in Viet Nam is 00:30 UTC
		"DTEND:20260817T043000Z\r\n" +
		"SUMMARY:Tiếp công dân: Nguyễn Văn A\\, Giám đốc Sở\r\n" +
		"LOCATION:Phòng tiếp công dân\r\n" +
		// 126 octets (ì, ứ, ự… take 2 or 3): the first 75 end after the
		// second "\n"; the rest is one continuation of 51 (plus its space).
		"DESCRIPTION:Hình thức: Trực tiếp\\nSở Khoa học và Công nghệ\\n\r\n" +
		" Người đứng đầu cơ quan tiếp công dân.\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:tiep-cong-dan-13@000.07.00.H33.papihub\r\n" +
		"DTSTAMP:20260801T020304Z\r\n" +
		"DTSTART:20260818T063000Z\r\n" + // 13:30 office hours of an afternoon
		"DTEND:20260818T100000Z\r\n" +
		"SUMMARY:Tiếp công dân: Trần Thị B\\, Phó Giám đốc Sở\r\n" +
		"LOCATION:Tầng 2\\; phòng 201\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	if got != want {
		t.Fatalf("feed:\n%s\nwant:\n%s", strings.ReplaceAll(got, "\r\n", "⏎\n"), strings.ReplaceAll(want, "\r\n", "⏎\n"))
	}
}
