package chart

import (
	"html/template"
	"math"
	"strings"
	"time"

	"papihub/internal/platform/vn"
)

// A Segment is a stretch of a timeline's bar, from From to the day before
// To, coloured by its tone; later segments are drawn over earlier ones.
type Segment struct {
	From, To time.Time
	Tone     Tone
}

// A Mark is a dated event on a timeline, with its label.
type Mark struct {
	On    time.Time
	Label string
	Tone  Tone
}

// TimelineChart is the life of one thing on a calendar: a bar of segments
// (in force, partly ended, suspended) with dated marks below it, each on a
// line of its own, and a dashed line at Today.
type TimelineChart struct {
	Title    string
	Segments []Segment
	Marks    []Mark
	Today    time.Time
}

// Timeline draws a TimelineChart. The axis runs from the earliest to the
// latest day among segments, marks and today; the description lists the
// marks with their dates for a screen reader.
func Timeline(ch TimelineChart) template.HTML {
	start, end := ch.Today, ch.Today
	widen := func(t time.Time) {
		if t.IsZero() {
			return
		}
		if start.IsZero() || t.Before(start) {
			start = t
		}
		if t.After(end) {
			end = t
		}
	}
	for _, s := range ch.Segments {
		widen(s.From)
		widen(s.To)
	}
	marks := append([]Mark(nil), ch.Marks...)
	for _, m := range marks {
		widen(m.On)
	}
	if len(ch.Segments) == 0 && len(marks) == 0 {
		return noData("timeline", ch.Title, chartWidth, 120)
	}
	for i := 1; i < len(marks); i++ {
		for j := i; j > 0 && marks[j].On.Before(marks[j-1].On); j-- {
			marks[j], marks[j-1] = marks[j-1], marks[j]
		}
	}
	span := end.Sub(start).Hours()
	if span <= 0 {
		span = 24
	}
	const barH, row = 16.0, 18.0
	left, right := float64(pad), chartWidth-float64(pad)
	x := func(t time.Time) float64 { return left + (right-left)*t.Sub(start).Hours()/span }
	top := pad + titleBlock(ch.Title, chartWidth)
	barY := top + 22
	height := barY + barH + 20 + float64(len(marks))*row + pad
	desc := make([]string, len(marks))
	for i, m := range marks {
		desc[i] = vn.FormatDate(m.On) + ": " + m.Label
	}
	var c canvas
	c.open("timeline", chartWidth, height, ch.Title, strings.Join(desc, "; ")+".")
	c.title(ch.Title, chartWidth)
	c.text(left, top+12, "chart-axis-label", "start", smallSize, colourMuted, vn.FormatDate(start))
	c.text(right, top+12, "chart-axis-label", "end", smallSize, colourMuted, vn.FormatDate(end))
	c.rect("chart-track", left, barY, right-left, barH, colourTrack, 3)
	for i, s := range ch.Segments {
		to := s.To
		if to.IsZero() {
			to = end
		}
		if !to.After(s.From) {
			continue
		}
		class, colour := toneLook(s.Tone, i)
		c.rect("chart-bar "+class, x(s.From), barY, math.Max(x(to)-x(s.From), 1), barH, colour, 0)
	}
	if !ch.Today.IsZero() {
		c.line("chart-today", x(ch.Today), barY-6, x(ch.Today), barY+barH+6, colourText, 1.5, "3 2")
	}
	for i, m := range marks {
		mx := x(m.On)
		ly := barY + barH + 20 + float64(i)*row
		_, colour := toneLook(m.Tone, 0)
		c.line("chart-grid", mx, barY+barH, mx, ly-10, colourGrid, 1, "")
		c.raw(`<circle class="chart-mark" cx="%s" cy="%s" r="4" fill="%s"/>`, num(mx), num(barY+barH/2), colour)
		anchor, lx := "start", mx+4
		if mx > chartWidth/2 {
			anchor, lx = "end", mx-4
		}
		c.text(lx, ly, "chart-mark-label", anchor, smallSize, colourText, vn.FormatDate(m.On)+" — "+m.Label)
	}
	return c.close()
}
