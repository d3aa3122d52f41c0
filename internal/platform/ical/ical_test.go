package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestTextValuesAreEscaped(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Phòng tiếp công dân", "Phòng tiếp công dân"},
		{"Tầng 1, số 2; phố Hiến", `Tầng 1\, số 2\; phố Hiến`},
		{`a\b`, `a\\b`},
		{"hai\ndòng", `hai\ndòng`},
		{"hai\r\ndòng", `hai\ndòng`},
		{"tab\there\x00", "tabhere"},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLongLinesAreFoldedAt75OctetsNeverInsideACharacter(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []string // the physical lines, CRLF removed
	}{
		{"a line of 75 octets stays whole", strings.Repeat("a", 75), []string{strings.Repeat("a", 75)}},
		{"76 octets fold after 75", strings.Repeat("a", 76), []string{strings.Repeat("a", 75), " a"}},
		// A continuation holds 74 octets after its leading space.
		{"two folds", strings.Repeat("a", 75+74+1), []string{strings.Repeat("a", 75), " " + strings.Repeat("a", 74), " a"}},
		// "ệ" is 3 octets: 73 ASCII then "ệ" would end at octet 76, so it
		// moves to the next line whole.
		{"a three-octet letter is not split", strings.Repeat("a", 73) + "ệb", []string{strings.Repeat("a", 73), " ệb"}},
		{"a letter ending exactly at 75 stays", strings.Repeat("a", 72) + "ệb", []string{strings.Repeat("a", 72) + "ệ", " b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			writeFolded(&b, tc.in)
			out := b.String()
			if !strings.HasSuffix(out, "\r\n") {
				t.Fatalf("no CRLF at the end: %q", out)
			}
			got := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("lines %q, want %q", got, tc.want)
			}
			for _, l := range got {
				if len(l) > 75 || !utf8.ValidString(l) {
					t.Errorf("line %q: %d octets, valid %v", l, len(l), utf8.ValidString(l))
				}
			}
			// Unfolding (RFC 5545 §3.1: remove CRLF followed by one space)
			// gives the line back.
			if un := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); un != tc.in {
				t.Errorf("unfolded %q, want %q", un, tc.in)
			}
		})
	}
}

func TestAFeedOfOneSessionReadsAsWritten(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	c := Calendar{ProdID: "-//PAPI Hub//Lịch tiếp công dân//VI", Name: "Lịch tiếp công dân, Sở Khoa học và Công nghệ", Events: []Event{{
		UID:         "reception-session-12@000.07.00.H33",
		Stamp:       time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC),
		Start:       time.Date(2026, 8, 17, 7, 30, 0, 0, ict),
		End:         time.Date(2026, 8, 17, 11, 30, 0, 0, ict),
		Summary:     "Tiếp công dân: Nguyễn Văn A, Giám đốc Sở",
		Location:    "Phòng tiếp công dân, số 2 Hải Thượng Lãn Ông, phường Phố Hiến",
		Description: "Hình thức: Trực tiếp",
	}}}
	want := "BEGIN:VCALENDAR\r\n" +
		"VERSION:2.0\r\n" +
		"PRODID:-//PAPI Hub//Lịch tiếp công dân//VI\r\n" +
		"CALSCALE:GREGORIAN\r\n" +
		"METHOD:PUBLISH\r\n" +
		// 72 octets (Vietnamese letters with marks take 2 or 3): one line.
		"X-WR-CALNAME:Lịch tiếp công dân\\, Sở Khoa học và Công nghệ\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:reception-session-12@000.07.00.H33\r\n" +
		"DTSTAMP:20260801T090000Z\r\n" +
		"DTSTART:20260817T003000Z\r\n" +
		"DTEND:20260817T043000Z\r\n" +
		"SUMMARY:Tiếp công dân: Nguyễn Văn A\\, Giám đốc Sở\r\n" +
		// 93 octets: the first 75 end with "ư" of "phường", whose "ờ" (3
		// octets) opens the continuation.
		"LOCATION:Phòng tiếp công dân\\, số 2 Hải Thượng Lãn Ông\\, phư\r\n" +
		" ờng Phố Hiến\r\n" +
		"DESCRIPTION:Hình thức: Trực tiếp\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	if got := string(c.Bytes()); got != want {
		t.Fatalf("feed:\n%q\nwant:\n%q", got, want)
	}
}
