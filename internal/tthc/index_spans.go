package tthc

import (
	"fmt"
	"strconv"
)

// aggSpan is a run of one aggregate table's rows, keys lo..hi inclusive
// (days, months or years as text, which order as the dates do).
type aggSpan struct {
	table, key string
	lo, hi     string
}

// The aggregate tables, finest first, and their key columns.
var (
	dailySpan   = aggSpan{table: "tthc_daily", key: "day"}
	monthlySpan = aggSpan{table: "tthc_monthly", key: "month"}
	yearlySpan  = aggSpan{table: "tthc_yearly", key: "year"}
)

// spansOf covers the days from..to with the fewest aggregate rows: each
// whole calendar year from tthc_yearly, each other whole month from
// tthc_monthly, the remaining days from tthc_daily. The three tables hold
// the same sums (written in one transaction), so any cover gives the same
// figures; a month reads one row per unit and procedure instead of thirty.
// Consecutive keys of one table make one span.
func spansOf(from, to Day) []aggSpan {
	var out []aggSpan
	add := func(t aggSpan, lo, hi string) {
		if n := len(out); n > 0 && out[n-1].table == t.table {
			out[n-1].hi = hi // the walk is in order: the keys follow on
			return
		}
		t.lo, t.hi = lo, hi
		out = append(out, t)
	}
	for d := from; d <= to; {
		y, m, day := d.Date()
		monthEnd := DateDay(y, m+1, 1) - 1
		yearEnd := DateDay(y+1, 1, 1) - 1
		switch {
		case day == 1 && m == 1 && yearEnd <= to:
			k := d.String()[:4]
			add(yearlySpan, k, k)
			d = yearEnd + 1
		case day == 1 && monthEnd <= to:
			k := d.String()[:7]
			add(monthlySpan, k, k)
			d = monthEnd + 1
		default:
			end := min(monthEnd, to)
			add(dailySpan, d.String(), end.String())
			d = end + 1
		}
	}
	return out
}

// spansBefore covers every day before from: the whole years before its
// year from tthc_yearly, then its year's days before it as spansOf does. The
// rows read grow by one per unit and procedure for each year kept, not by
// twelve (months) or 365 (days).
func spansBefore(from Day) []aggSpan {
	y, _, _ := from.Date()
	years := yearlySpan
	years.lo, years.hi = "0000", fmt.Sprintf("%04d", y-1)
	return append([]aggSpan{years}, spansOf(DateDay(y, 1, 1), from-1)...)
}

// overdueSpans cover the overdue deltas of every day before from with the
// fewest rows: the spans of spansBefore, or (late in a year) every year up
// to from's from tthc_yearly less the days from `from` to that year's end
// (subtract). A December reads one month back instead of eleven; the
// deltas are integers, so either way gives the same sums.
func overdueSpans(from Day) (add, subtract []aggSpan) {
	before := spansBefore(from)
	y, _, _ := from.Date()
	rest := spansOf(from, DateDay(y+1, 1, 1)-1)
	// both read the years before from's; the other way also reads its year
	if keysOf(rest)+1 >= keysOf(before[1:]) {
		return before, nil
	}
	years := yearlySpan
	years.lo, years.hi = "0000", fmt.Sprintf("%04d", y)
	return []aggSpan{years}, rest
}

// overdueAfter covers the overdue deltas dated after to, which
// tthc_overdue_total less them is the open-overdue count at to: the years
// after to's and the rest of its year, or (early in a year) its year and
// those after less its days up to to (add back). A period ending in
// December reads the years after it only: the few deltas dated after it,
// of the dossiers still open at its end.
func overdueAfter(to Day) (subtract, add []aggSpan) {
	y, _, _ := to.Date()
	years := yearlySpan
	years.lo, years.hi = fmt.Sprintf("%04d", y+1), "9999"
	rest := spansOf(to+1, DateDay(y+1, 1, 1)-1)
	upTo := spansOf(DateDay(y, 1, 1), to)
	if keysOf(upTo)+1 < keysOf(rest) {
		years.lo = fmt.Sprintf("%04d", y)
		return []aggSpan{years}, upTo
	}
	return append([]aggSpan{years}, rest...), nil
}

// keysOf is the number of keys (days, months, years) spans read: rows per
// unit and procedure.
func keysOf(spans []aggSpan) int { return keysStored(spans, 0, 9999) }

// keysStored is keysOf with the years read only from first to last (the
// years stored).
func keysStored(spans []aggSpan, first, last int) int {
	n := 0
	for _, t := range spans {
		lo, _ := parseSpanKey(t.lo)
		hi, _ := parseSpanKey(t.hi)
		switch t.table {
		case dailySpan.table:
			n += int(hi-lo) + 1
		case monthlySpan.table:
			ly, lm, _ := lo.Date()
			hy, hm, _ := hi.Date()
			n += (hy-ly)*12 + int(hm-lm) + 1
		default: // the open ends 0000 and 9999 are no dates
			ly, _ := strconv.Atoi(t.lo)
			hy, _ := strconv.Atoi(t.hi)
			n += max(0, min(hy, last)-max(ly, first)+1)
		}
	}
	return n
}

// parseSpanKey reads a span's key (2026, 2026-05 or 2026-05-17) as its
// first day.
func parseSpanKey(k string) (Day, error) {
	switch len(k) {
	case 4:
		k += "-01-01"
	case 7:
		k += "-01"
	}
	return ParseDay(k)
}
