package chart

import (
	"html/template"
	"math"
	"strings"
)

// Bar is one labelled value of a BarChart.
type Bar struct {
	Label string
	Value float64
	// Max is the value a full bar stands for, such as 10 for a PAPI
	// dimension; 0 means a shared scale taken from the largest value.
	Max float64
	// Note is shown in small type with the label: a rank, a change.
	Note string
	Tone Tone
}

// BarChart compares values side by side. Horizontal bars suit long labels
// (provinces, dimension names) and phones; vertical bars suit a few short
// labels such as years.
type BarChart struct {
	Title      string
	Bars       []Bar
	Unit       string // after each value: "điểm", "%", "hồ sơ"
	Horizontal bool
}

// Bars draws a bar chart. Values below zero draw as empty bars, values that
// are not numbers as "không có số liệu"; bars start at zero.
func Bars(ch BarChart) template.HTML {
	if len(ch.Bars) == 0 {
		return noData("bars", ch.Title, chartWidth, 160)
	}
	if ch.Horizontal {
		return horizontalBars(ch)
	}
	return verticalBars(ch)
}

// chartWidth is the viewBox width of every wide chart.
const chartWidth = 480.0

// barScale gives each bar the value its full length stands for.
func barScale(bars []Bar) []float64 {
	shared := 0.0
	for _, b := range bars {
		if b.Max <= 0 && finite(b.Value) {
			shared = math.Max(shared, b.Value)
		}
	}
	_, shared, _ = niceRange(0, shared, 4)
	out := make([]float64, len(bars))
	for i, b := range bars {
		out[i] = shared
		if b.Max > 0 && finite(b.Max) {
			out[i] = b.Max
		}
	}
	return out
}

// share is how much of the full length v takes, within [0, 1].
func share(v, max float64) float64 {
	if !finite(v) || max <= 0 {
		return 0
	}
	return math.Min(math.Max(v/max, 0), 1)
}

func barValueText(b Bar, unit string) string {
	if !finite(b.Value) {
		return "không có số liệu"
	}
	return withUnit(decimal(b.Value), unit)
}

func barsDesc(ch BarChart) string {
	parts := make([]string, len(ch.Bars))
	for i, b := range ch.Bars {
		parts[i] = b.Label + ": " + barValueText(b, ch.Unit)
		if b.Max > 0 && finite(b.Max) && finite(b.Value) {
			parts[i] += " trên " + decimal(b.Max)
		}
		if b.Note != "" {
			parts[i] += " (" + b.Note + ")"
		}
	}
	return strings.Join(parts, "; ") + "."
}

// Horizontal layout: each bar has its label on a line above it, so long
// Vietnamese names get the full width instead of a narrow left column.
const (
	hRowLabel  = 17 // label baseline below the row top
	hBarTop    = 24
	hBarHeight = 14
	hRowHeight = 48
	hValueRoom = 96 // right of the track, for "44,18 điểm"
)

func horizontalBars(ch BarChart) template.HTML {
	var c canvas
	height := float64(len(ch.Bars))*hRowHeight + pad
	top := titleBlock(ch.Title, chartWidth)
	height += top + pad
	c.open("bars", chartWidth, height, ch.Title, barsDesc(ch))
	c.title(ch.Title, chartWidth)
	scale := barScale(ch.Bars)
	trackX, trackW := float64(pad), chartWidth-2*pad-hValueRoom
	for i, b := range ch.Bars {
		y := top + pad + float64(i)*hRowHeight
		class, colour := toneLook(b.Tone, 0)
		c.raw(`<g class="chart-row"><title>%s</title>`, esc(b.Label+": "+barValueText(b, ch.Unit)))
		noteW := 0.0
		if b.Note != "" {
			note := fit(b.Note, (chartWidth-2*pad)/3, smallSize)
			noteW = textWidth(note, smallSize) + 8
			c.text(chartWidth-pad, y+hRowLabel, "chart-note", "end", smallSize, colourMuted, note)
		}
		c.text(trackX, y+hRowLabel, "chart-label", "start", fontSize, colourText, fit(b.Label, chartWidth-2*pad-noteW, fontSize))
		c.rect("chart-track", trackX, y+hBarTop, trackW, hBarHeight, colourTrack, 3)
		w := trackW * share(b.Value, scale[i])
		c.rect("chart-bar "+class, trackX, y+hBarTop, w, hBarHeight, colour, 3)
		c.text(trackX+trackW+8, y+hBarTop+hBarHeight-3, "chart-value", "start", fontSize, colourText, barValueText(b, ch.Unit))
		c.raw(`</g>`)
	}
	return c.close()
}

// Vertical layout: a value axis on the left when the bars share a scale.
const (
	vPlotHeight = 200
	vAxisRoom   = 44
	vLabelRoom  = 34
)

func verticalBars(ch BarChart) template.HTML {
	var c canvas
	top := pad + titleBlock(ch.Title, chartWidth) + 18 // room for the value over the tallest bar
	height := top + vPlotHeight + vLabelRoom + pad
	c.open("bars", chartWidth, height, ch.Title, barsDesc(ch))
	c.title(ch.Title, chartWidth)
	scale := barScale(ch.Bars)
	left, right := float64(pad+vAxisRoom), chartWidth-float64(pad)
	bottom := top + vPlotHeight
	// The axis only means something when every bar uses the shared scale.
	if allShared(ch.Bars) {
		_, _, step := niceRange(0, scale[0], 4)
		for _, v := range ticks(0, scale[0], step) {
			y := bottom - vPlotHeight*share(v, scale[0])
			c.line("chart-grid", left, y, right, y, colourGrid, 1, "")
			c.text(left-6, y+4, "chart-axis", "end", smallSize, colourMuted, decimal(v))
		}
	}
	slot := (right - left) / float64(len(ch.Bars))
	barW := math.Min(slot*0.62, 56)
	for i, b := range ch.Bars {
		class, colour := toneLook(b.Tone, 0)
		cx := left + slot*(float64(i)+0.5)
		h := vPlotHeight * share(b.Value, scale[i])
		c.raw(`<g class="chart-column"><title>%s</title>`, esc(b.Label+": "+barValueText(b, ch.Unit)))
		c.rect("chart-bar "+class, cx-barW/2, bottom-h, barW, h, colour, 2)
		value := decimal(b.Value)
		if !finite(b.Value) {
			value = "–"
		}
		c.text(cx, bottom-h-6, "chart-value", "middle", smallSize, colourText, fit(value, slot, smallSize))
		c.text(cx, bottom+16, "chart-label", "middle", smallSize, colourText, fit(b.Label, slot-2, smallSize))
		if b.Note != "" {
			c.text(cx, bottom+29, "chart-note", "middle", smallSize-1, colourMuted, fit(b.Note, slot-2, smallSize-1))
		}
		c.raw(`</g>`)
	}
	c.line("chart-axis-line", left, bottom, right, bottom, colourAxis, 1, "")
	if ch.Unit != "" && allShared(ch.Bars) {
		c.text(float64(pad), top-8, "chart-unit", "start", smallSize, colourMuted, ch.Unit)
	}
	return c.close()
}

func allShared(bars []Bar) bool {
	for _, b := range bars {
		if b.Max > 0 && finite(b.Max) {
			return false
		}
	}
	return true
}
