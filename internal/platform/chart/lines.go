package chart

import (
	"html/template"
	"math"
	"strings"
)

// Series is one named sequence of values, one per X label or radar axis.
type Series struct {
	Name   string
	Values []float64
	// Missing marks values that do not exist, such as a PAPI year whose
	// results were withheld: the line breaks there rather than dropping to
	// zero. A value that is NaN or infinite counts as missing too.
	Missing []bool
}

// at returns the i-th value and whether it exists.
func (s Series) at(i int) (float64, bool) {
	if i >= len(s.Values) || (i < len(s.Missing) && s.Missing[i]) || !finite(s.Values[i]) {
		return 0, false
	}
	return s.Values[i], true
}

// LineChart shows series over time. YMin and YMax fix the value axis (0 to
// 10 for a PAPI dimension); when YMax <= YMin the axis is fitted to the data.
// Values outside a fixed axis are drawn at its edge.
type LineChart struct {
	Title   string
	XLabels []string
	Series  []Series
	YMin    float64
	YMax    float64
}

const (
	linePlotHeight = 200
	lineAxisRoom   = 40
)

// Lines draws a line chart with a marker at every value, so that a value
// with missing neighbours still shows as a point.
func Lines(ch LineChart) template.HTML {
	n := len(ch.XLabels)
	lo, hi, any := math.Inf(1), math.Inf(-1), false
	for _, s := range ch.Series {
		n = max(n, len(s.Values))
		for i := range s.Values {
			if v, ok := s.at(i); ok {
				lo, hi, any = math.Min(lo, v), math.Max(hi, v), true
			}
		}
	}
	if !any {
		return noData("lines", ch.Title, chartWidth, 200)
	}
	step := 0.0
	if ch.YMax > ch.YMin && finite(ch.YMax) && finite(ch.YMin) {
		lo, hi = ch.YMin, ch.YMax
		_, _, step = niceRange(lo, hi, 5)
	} else {
		lo, hi, step = niceRange(lo, hi, 5)
	}

	var c canvas
	top := legendHeight(ch.Series, ch.Title)
	height := top + linePlotHeight + 28 + pad
	c.open("lines", chartWidth, height, ch.Title, linesDesc(ch, n))
	y := c.title(ch.Title, chartWidth)
	c.legend(ch.Series, y, lineLegend)

	left, right := float64(pad+lineAxisRoom), chartWidth-float64(pad)-8
	bottom := top + linePlotHeight
	yOf := func(v float64) float64 {
		return bottom - linePlotHeight*fraction(v, lo, hi)
	}
	xOf := func(i int) float64 {
		if n == 1 {
			return (left + right) / 2
		}
		return left + (right-left)*float64(i)/float64(n-1)
	}
	for _, v := range ticks(lo, hi, step) {
		c.line("chart-grid", left, yOf(v), right, yOf(v), colourGrid, 1, "")
		c.text(left-6, yOf(v)+4, "chart-axis", "end", smallSize, colourMuted, decimal(v))
	}
	c.line("chart-axis-line", left, bottom, right, bottom, colourAxis, 1, "")
	every := labelEvery(n, (right-left)/float64(max(n-1, 1)), ch.XLabels)
	for i := 0; i < n; i += every {
		if i < len(ch.XLabels) {
			c.text(xOf(i), bottom+18, "chart-label", "middle", smallSize, colourText, ch.XLabels[i])
		}
	}
	// The first series, the subject, is drawn last so that it lies on top.
	for si := len(ch.Series) - 1; si >= 0; si-- {
		s := ch.Series[si]
		c.raw(`<g class="chart-line %s"><title>%s</title>`, seriesClass(si), esc(s.Name))
		point := func(i int) (float64, float64, bool) {
			v, ok := s.at(i)
			return xOf(i), yOf(v), ok
		}
		if d := brokenPath(n, point); d != "" {
			c.raw(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"%s/>`,
				d, seriesColour(si), dashAttr(seriesDash(si)))
		}
		for i := 0; i < n; i++ {
			if v, ok := s.at(i); ok {
				c.raw(`<circle class="chart-point" cx="%s" cy="%s" r="3.5" fill="%s" stroke="#ffffff" stroke-width="1"/>`,
					num(xOf(i)), num(yOf(v)), seriesColour(si))
			}
		}
		c.raw(`</g>`)
	}
	return c.close()
}

// brokenPath joins consecutive existing points and lifts the pen at every
// missing one.
func brokenPath(n int, point func(i int) (x, y float64, ok bool)) string {
	var b strings.Builder
	penDown := false
	for i := 0; i < n; i++ {
		x, y, ok := point(i)
		if !ok {
			penDown = false
			continue
		}
		switch {
		case penDown:
			b.WriteString(" L")
		case b.Len() > 0:
			b.WriteString(" M")
		default:
			b.WriteString("M")
		}
		b.WriteString(num(x) + " " + num(y))
		penDown = true
	}
	return b.String()
}

// labelEvery thins the X labels so that they do not overlap.
func labelEvery(n int, gap float64, labels []string) int {
	widest := 0.0
	for _, l := range labels {
		widest = math.Max(widest, textWidth(l, smallSize))
	}
	every := 1
	for every < n && float64(every)*gap < widest+6 {
		every++
	}
	return every
}

func linesDesc(ch LineChart, n int) string {
	var parts []string
	for _, s := range ch.Series {
		var vals []string
		for i := 0; i < n; i++ {
			label := ""
			if i < len(ch.XLabels) {
				label = ch.XLabels[i] + " "
			}
			if v, ok := s.at(i); ok {
				vals = append(vals, label+decimal(v))
			} else {
				vals = append(vals, label+"không có số liệu")
			}
		}
		parts = append(parts, s.Name+": "+strings.Join(vals, ", "))
	}
	return strings.Join(parts, "; ") + "."
}
