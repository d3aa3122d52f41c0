package vn

import (
	"errors"
	"testing"
	"time"
)

// ict builds an instant from Vietnam's wall clock, which is UTC+7.
func ict(year int, month time.Month, day, hour, min int) time.Time {
	return time.Date(year, month, day, hour, min, 0, 0, time.FixedZone("UTC+7", 7*3600))
}

func TestLocationIsHoChiMinhCity(t *testing.T) {
	if got := Location().String(); got != "Asia/Ho_Chi_Minh" {
		t.Fatalf("Location() = %q", got)
	}
	if _, offset := time.Date(2026, 3, 5, 0, 0, 0, 0, Location()).Zone(); offset != 7*3600 {
		t.Fatalf("offset in 2026 = %ds, want 25200 (UTC+7)", offset)
	}
}

func TestFormatDateShowsTheDayInVietnam(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"a morning in Hanoi", ict(2026, 3, 5, 9, 0), "05/03/2026"},
		{"17:30 UTC is already the next day in Vietnam", time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC), "01/01/2027"},
		{"16:59 UTC is still the same day", time.Date(2026, 12, 31, 16, 59, 0, 0, time.UTC), "31/12/2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatDate(tc.at); got != tc.want {
				t.Fatalf("FormatDate = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestFormatDateTimeUsesTheTwentyFourHourClockInVietnam(t *testing.T) {
	if got, want := FormatDateTime(time.Date(2026, 8, 14, 7, 30, 0, 0, time.UTC)), "14/08/2026 14:30"; got != want {
		t.Fatalf("FormatDateTime = %q, want %q", got, want)
	}
}

func TestParseDateAcceptsTheFormsPeopleType(t *testing.T) {
	want := time.Date(2026, 3, 5, 0, 0, 0, 0, Location())
	for _, in := range []string{"05/03/2026", "5/3/2026", "5/03/2026", "05/3/2026", "2026-03-05", "  05/03/2026 "} {
		got, err := ParseDate(in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", in, err)
			continue
		}
		if !got.Equal(want) || got.Location() != Location() {
			t.Errorf("ParseDate(%q) = %v, want midnight of 5 March 2026 in Vietnam", in, got)
		}
	}
}

func TestParseDateRejectsWhatIsNotADate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"31/02/2026", `Ngày không hợp lệ: không có ngày 31/02/2026`},
		{"29/02/2025", `Ngày không hợp lệ: không có ngày 29/02/2025`},
		{"00/01/2026", `Ngày không hợp lệ: không có ngày 00/01/2026`},
		{"05/13/2026", `Ngày không hợp lệ: không có ngày 05/13/2026`},
		{"01/01/0000", `Ngày không hợp lệ: không có ngày 01/01/0000`},
		{"05/03/26", `Ngày không hợp lệ: "05/03/26" không đúng dạng ngày/tháng/năm, ví dụ 05/03/2026`},
		{"2026-3-5", `Ngày không hợp lệ: "2026-3-5" không đúng dạng ngày/tháng/năm, ví dụ 05/03/2026`},
		{"05.03.2026", `Ngày không hợp lệ: "05.03.2026" không đúng dạng ngày/tháng/năm, ví dụ 05/03/2026`},
		{"+5/03/2026", `Ngày không hợp lệ: "+5/03/2026" không đúng dạng ngày/tháng/năm, ví dụ 05/03/2026`},
		{"", `Ngày không hợp lệ: "" không đúng dạng ngày/tháng/năm, ví dụ 05/03/2026`},
	} {
		_, err := ParseDate(tc.in)
		if err == nil || err.Error() != tc.want || !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q) error = %v, want %q wrapping ErrInvalidDate", tc.in, err, tc.want)
		}
	}
}

func TestParseDateAcceptsTheLeapDay(t *testing.T) {
	if _, err := ParseDate("29/02/2028"); err != nil {
		t.Fatal(err)
	}
}

func TestLongDateFollowsDecree30(t *testing.T) {
	for _, tc := range []struct {
		name  string
		place string
		at    time.Time
		want  string
	}{
		{"day below 10 gets a zero, March does not", "Hưng Yên", ict(2026, 3, 5, 10, 0), "Hưng Yên, ngày 05 tháng 3 năm 2026"},
		{"January gets a zero", "Hà Nội", ict(2026, 1, 5, 10, 0), "Hà Nội, ngày 05 tháng 01 năm 2026"},
		{"February gets a zero", "Hà Nội", ict(2026, 2, 20, 10, 0), "Hà Nội, ngày 20 tháng 02 năm 2026"},
		{"two-digit day and month stay as they are", "Huế", ict(2026, 12, 15, 10, 0), "Huế, ngày 15 tháng 12 năm 2026"},
		{"the date is the one in Vietnam", "Cà Mau", time.Date(2026, 3, 14, 18, 0, 0, 0, time.UTC), "Cà Mau, ngày 15 tháng 3 năm 2026"},
		{"no place, no comma", "", ict(2026, 10, 1, 8, 0), "ngày 01 tháng 10 năm 2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := LongDate(tc.place, tc.at); got != tc.want {
				t.Fatalf("LongDate = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseDateStartsTheDayWhenClocksSkippedMidnight(t *testing.T) {
	// On 1 April 1947 the zone moved from UTC+7 to UTC+8 at midnight, so the
	// day began at 01:00 local time.
	got, err := ParseDate("01/04/1947")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(1947, 3, 31, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("ParseDate = %v, want %v", got, want)
	}
	if FormatDate(got) != "01/04/1947" || FormatDate(got.Add(-time.Nanosecond)) != "31/03/1947" {
		t.Fatalf("%v is not the first instant of 1 April 1947", got)
	}
}
