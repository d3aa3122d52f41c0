package chart

import (
	"html/template"
	"math"
	"strings"
)

// RadarChart compares series over several axes on one scale, such as a
// province's eight PAPI dimensions against the best and the median province.
// When Max <= Min the scale runs from 0 to a round number above the data.
type RadarChart struct {
	Title  string
	Axes   []string
	Series []Series
	Max    float64
	Min    float64
}

const (
	radarRadius    = 120
	radarLabelGap  = 12
	radarLabelLine = 13
	radarSideRoom  = chartWidth/2 - radarRadius - radarLabelGap - pad // for labels left and right
)

// Radar draws a radar chart with a legend. A series with every value present
// is a filled polygon; one with missing values is an open outline that breaks
// at the gaps, since a missing score is not a zero.
func Radar(ch RadarChart) template.HTML {
	n := len(ch.Axes)
	lo, hi, any := 0.0, 0.0, false
	for _, s := range ch.Series {
		for i := 0; i < n; i++ {
			if v, ok := s.at(i); ok {
				hi, any = math.Max(hi, v), true
			}
		}
	}
	if n < 3 || !any {
		return noData("radar", ch.Title, chartWidth, 240)
	}
	if ch.Max > ch.Min && finite(ch.Max) && finite(ch.Min) {
		lo, hi = ch.Min, ch.Max
	} else {
		_, hi, _ = niceRange(0, hi, 5)
	}
	_, _, step := niceRange(lo, hi, 5)

	labels := make([][]string, n)
	for i, a := range ch.Axes {
		labels[i] = wrap(a, int(math.Floor(radarSideRoom/(smallSize*charWidth))), 3, smallSize)
	}
	var c canvas
	top := legendHeight(ch.Series, ch.Title) + 3*radarLabelLine
	cx, cy := chartWidth/2, top+radarRadius
	height := cy + radarRadius + radarLabelGap + 3*radarLabelLine + pad
	c.open("radar", chartWidth, height, ch.Title, radarDesc(ch))
	y := c.title(ch.Title, chartWidth)
	c.legend(ch.Series, y, lineLegend)

	at := func(i int, v float64) (float64, float64) {
		r := radarRadius * fraction(v, lo, hi)
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*math.Cos(a), cy + r*math.Sin(a)
	}
	c.raw(`<g class="chart-grid">`)
	rings := ticks(lo, hi, step)
	if len(rings) == 0 || rings[len(rings)-1] < hi {
		rings = append(rings, hi) // the outer edge is always drawn
	}
	for _, t := range rings {
		if t <= lo {
			continue
		}
		pts := make([]string, n)
		for i := range n {
			x, y := at(i, t)
			pts[i] = num(x) + "," + num(y)
		}
		c.raw(`<polygon points="%s" fill="none" stroke="%s" stroke-width="1"/>`, strings.Join(pts, " "), colourGrid)
		_, ty := at(0, t)
		c.raw(`<text class="chart-axis" x="%s" y="%s" font-size="%d" fill="%s" stroke="#ffffff" stroke-width="3" paint-order="stroke">%s</text>`,
			num(cx+4), num(ty+10), smallSize-1, colourMuted, esc(decimal(t)))
	}
	for i := range n {
		x, y := at(i, hi)
		c.line("chart-spoke", cx, cy, x, y, colourGrid, 1, "")
	}
	c.raw(`</g>`)
	for i, lines := range labels {
		c.radarLabel(i, n, cx, cy, lines)
	}
	// The first series, the subject, is drawn last so that it lies on top.
	for si := len(ch.Series) - 1; si >= 0; si-- {
		s := ch.Series[si]
		c.raw(`<g class="chart-area %s"><title>%s</title>`, seriesClass(si), esc(s.Name))
		colour := seriesColour(si)
		// Only the first series, the subject, is filled: overlapping tints
		// of several series mix into grey.
		if complete(s, n) && si == 0 {
			pts := make([]string, n)
			for i := range n {
				v, _ := s.at(i)
				x, y := at(i, v)
				pts[i] = num(x) + "," + num(y)
			}
			c.raw(`<polygon points="%s" fill="%s" fill-opacity="0.12" stroke="%s" stroke-width="2.5" stroke-linejoin="round"%s/>`,
				strings.Join(pts, " "), colour, colour, dashAttr(seriesDash(si)))
		} else if complete(s, n) {
			pts := make([]string, n)
			for i := range n {
				v, _ := s.at(i)
				x, y := at(i, v)
				pts[i] = num(x) + "," + num(y)
			}
			c.raw(`<polygon points="%s" fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round"%s/>`,
				strings.Join(pts, " "), colour, dashAttr(seriesDash(si)))
		} else {
			// Visit the first axis again at the end to close the outline
			// when both ends exist.
			point := func(i int) (float64, float64, bool) {
				v, ok := s.at(i % n)
				x, y := at(i%n, v)
				return x, y, ok
			}
			if d := brokenPath(n+1, point); d != "" {
				c.raw(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round"%s/>`, d, colour, dashAttr(seriesDash(si)))
			}
		}
		for i := range n {
			if v, ok := s.at(i); ok {
				x, y := at(i, v)
				c.raw(`<circle class="chart-point" cx="%s" cy="%s" r="3" fill="%s"/>`, num(x), num(y), colour)
			}
		}
		c.raw(`</g>`)
	}
	return c.close()
}

// radarLabel sets an axis name outside the end of its spoke, anchored away
// from the centre so that it never crosses the chart.
func (c *canvas) radarLabel(i, n int, cx, cy float64, lines []string) {
	a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
	cos, sin := math.Cos(a), math.Sin(a)
	x := cx + (radarRadius+radarLabelGap)*cos
	y := cy + (radarRadius+radarLabelGap)*sin
	anchor := "middle"
	switch {
	case cos > 0.3:
		anchor = "start"
	case cos < -0.3:
		anchor = "end"
	}
	block := float64(len(lines)-1) * radarLabelLine
	switch {
	case sin < -0.3: // above the centre: the block ends at the spoke
		y -= block
	case sin > 0.3: // below: it starts there
		y += smallSize - 2
	default:
		y += smallSize/2.0 - 1 - block/2
	}
	for k, line := range lines {
		c.text(x, y+float64(k)*radarLabelLine, "chart-label", anchor, smallSize, colourText, line)
	}
}

func complete(s Series, n int) bool {
	for i := range n {
		if _, ok := s.at(i); !ok {
			return false
		}
	}
	return true
}

// wrap breaks s into at most maxLines lines of about width characters at
// spaces; the last line is shortened with an ellipsis if text remains.
func wrap(s string, width, maxLines, size int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > maxLines {
		lines = append(lines[:maxLines-1], strings.Join(lines[maxLines-1:], " "))
	}
	for i, l := range lines {
		lines[i] = fit(l, float64(width)*float64(size)*charWidth, size)
	}
	return lines
}

func radarDesc(ch RadarChart) string {
	parts := make([]string, len(ch.Axes))
	for i, a := range ch.Axes {
		var vals []string
		for _, s := range ch.Series {
			if v, ok := s.at(i); ok {
				vals = append(vals, s.Name+" "+decimal(v))
			} else {
				vals = append(vals, s.Name+" không có số liệu")
			}
		}
		parts[i] = a + ": " + strings.Join(vals, ", ")
	}
	return strings.Join(parts, "; ") + "."
}
