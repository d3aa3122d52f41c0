package chart

import (
	"html/template"
	"strings"
)

// Part is one share of a StackedBar.
type Part struct {
	Label string
	Value float64
	Tone  Tone // ToneDefault takes the part's place in the series palette
}

// StackedBar splits a whole into parts along one bar: dossiers resolved
// early, on time and late, for instance.
type StackedBar struct {
	Title string
	Parts []Part
	Unit  string // after each value in the legend: "hồ sơ"
}

// Stacked draws a horizontal bar of parts with a legend giving each part's
// value and share. Parts that are negative or not numbers count as zero; if
// nothing is left the chart says "không có số liệu".
func Stacked(ch StackedBar) template.HTML {
	total := 0.0
	for _, p := range ch.Parts {
		total += partValue(p)
	}
	if total <= 0 || !finite(total) {
		return noData("stacked", ch.Title, chartWidth, 120)
	}
	legend := make([]string, len(ch.Parts))
	for i, p := range ch.Parts {
		legend[i] = p.Label + ": " + withUnit(decimal(partValue(p)), ch.Unit) +
			" (" + withUnit(decimal(roundTo(100*partValue(p)/total, 1)), "%") + ")"
	}
	rows, xs := legendRows(legend)
	top := pad + titleBlock(ch.Title, chartWidth) + 4
	const barH = 24
	height := top + barH + 12 + float64(rows[len(rows)-1]+1)*legendRow + pad
	var c canvas
	c.open("stacked", chartWidth, height, ch.Title, strings.Join(legend, "; ")+".")
	c.title(ch.Title, chartWidth)
	trackW := chartWidth - 2.0*pad
	c.rect("chart-track", pad, top, trackW, barH, colourTrack, 0)
	x := float64(pad)
	for i, p := range ch.Parts {
		class, colour := toneLook(p.Tone, i)
		w := trackW * partValue(p) / total
		c.raw(`<g class="chart-part"><title>%s</title>`, esc(legend[i]))
		c.rect("chart-bar "+class, x, top, w, barH, colour, 0)
		// The share is written inside the part when it fits; the legend
		// always has it.
		share := withUnit(decimal(roundTo(100*partValue(p)/total, 1)), "%")
		if textWidth(share, smallSize)+8 <= w {
			c.text(x+w/2, top+barH/2+4, "chart-part-share", "middle", smallSize, "#ffffff", share)
		}
		c.raw(`</g>`)
		x += w
	}
	c.raw(`<g class="chart-legend">`)
	for i := range ch.Parts {
		class, colour := toneLook(ch.Parts[i].Tone, i)
		ly := top + barH + 12 + float64(rows[i])*legendRow + 8
		c.rect("chart-legend-key "+class, xs[i]+3, ly-6, 12, 12, colour, 2)
		c.text(xs[i]+22, ly+4, "chart-legend-label", "start", smallSize, colourText, legend[i])
	}
	c.raw(`</g>`)
	return c.close()
}

func partValue(p Part) float64 {
	if !finite(p.Value) || p.Value < 0 {
		return 0
	}
	return p.Value
}
