// Package ical writes iCalendar feeds (RFC 5545) of timed events: what a
// calendar application subscribes to. Times are written in UTC (the "Z"
// form), so a feed needs no VTIMEZONE; Viet Nam has kept UTC+7 without
// daylight saving since 1975, so nothing is lost.
package ical

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is a feed: its product identifier, its name as a calendar
// application shows it, and its events.
type Calendar struct {
	ProdID string // "-//PAPI Hub//Lịch tiếp công dân//VI"
	Name   string // X-WR-CALNAME, shown by most applications
	Events []Event
}

// Event is one timed event.
type Event struct {
	// UID names the event for ever: a feed read again gives each event the
	// same UID, so an application updates it rather than adding a twin.
	UID         string
	Stamp       time.Time // DTSTAMP: when the information was last revised
	Start, End  time.Time
	Summary     string
	Location    string
	Description string
}

// maxLine is the longest content line in octets, CRLF not counted (RFC
// 5545 §3.1).
const maxLine = 75

// Bytes is the feed as text/calendar: CRLF line ends, long lines folded.
func (c Calendar) Bytes() []byte {
	var b bytes.Buffer
	line := func(name, value string) { writeFolded(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", Text(c.ProdID))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", Text(c.Name))
	}
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", Text(e.UID))
		line("DTSTAMP", UTC(e.Stamp))
		line("DTSTART", UTC(e.Start))
		line("DTEND", UTC(e.End))
		line("SUMMARY", Text(e.Summary))
		if e.Location != "" {
			line("LOCATION", Text(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION", Text(e.Description))
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

// UTC is a DATE-TIME in UTC, to the second: 20260815T003000Z.
func UTC(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Text escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and
// comma are escaped, a line break is written \n, other control characters
// are dropped.
func Text(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < ' ' || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeFolded writes one content line, folded before it passes 75 octets
// (a fold is CRLF and one space, which counts in the next line), never
// inside a UTF-8 sequence, and ended with CRLF.
func writeFolded(b *bytes.Buffer, s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1 // the leading space of the continuation
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
