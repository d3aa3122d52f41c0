package chart

import (
	"fmt"
	"html/template"
	"math"

	"papihub/internal/platform/vn"
)

// ProgressBar draws the progress of a set of tasks as one stacked bar: done,
// overdue (not done and past the deadline), and the rest as empty track.
// Counts out of range are clamped: done to [0, total], overdue to what is
// left. A total of zero draws "không có số liệu".
func ProgressBar(done, overdue, total int, label string) template.HTML {
	// Narrower than the other charts: progress bars live in cards a quarter
	// of a page wide, where a wider drawing would shrink its text to nothing.
	const chartWidth, height = 280.0, 76.0
	if total <= 0 {
		return noData("progress", label, chartWidth, height)
	}
	done = min(max(done, 0), total)
	overdue = min(max(overdue, 0), total-done)
	summary := fmt.Sprintf("%s/%s hoàn thành (%s)", vn.FormatInt(int64(done)), vn.FormatInt(int64(total)),
		withUnit(decimal(roundTo(100*float64(done)/float64(total), 1)), "%"))
	if overdue > 0 {
		summary += fmt.Sprintf(", %s quá hạn", vn.FormatInt(int64(overdue)))
	}
	var c canvas
	c.open("progress", chartWidth, height, label, summary+".")
	c.text(pad, 24, "chart-label", "start", fontSize, colourText, fit(label, chartWidth-2*pad, fontSize))
	c.text(pad, 66, "chart-value", "start", smallSize, colourMuted, summary)
	trackW := chartWidth - 2.0*pad
	c.rect("chart-track", pad, 34, trackW, 16, colourTrack, 4)
	doneW := trackW * float64(done) / float64(total)
	overdueW := trackW * float64(overdue) / float64(total)
	goodClass, goodColour := toneLook(ToneGood, 0)
	badClass, badColour := toneLook(ToneBad, 0)
	c.rect("chart-bar chart-done "+goodClass, pad, 34, doneW, 16, goodColour, 0)
	c.rect("chart-bar chart-overdue "+badClass, pad+doneW, 34, overdueW, 16, badColour, 0)
	return c.close()
}

// Ring draws a percentage as a ring with the number in its centre and the
// label below: the share of dossiers resolved on time, say. The ring is full
// at 100 and empty below 0; the number shows the value as given. A value
// that is not a number draws "không có số liệu".
func Ring(percent float64, label string) template.HTML {
	const width, height = 160.0, 184.0
	if !finite(percent) {
		return noData("ring", label, width, height)
	}
	const cx, cy, r = width / 2, 80.0, 56.0
	circumference := 2 * math.Pi * r
	arc := circumference * math.Min(math.Max(percent, 0), 100) / 100
	text := withUnit(decimal(roundTo(percent, 1)), "%")
	var c canvas
	c.open("ring", width, height, label, text+".")
	c.raw(`<circle class="chart-track" cx="%s" cy="%s" r="%s" fill="none" stroke="%s" stroke-width="14"/>`, num(cx), num(cy), num(r), colourTrack)
	c.raw(`<circle class="chart-ring-value %s" cx="%s" cy="%s" r="%s" fill="none" stroke="%s" stroke-width="14" stroke-dasharray="%s %s" transform="rotate(-90 %s %s)"/>`,
		seriesClass(0), num(cx), num(cy), num(r), seriesColour(0), num(arc), num(circumference), num(cx), num(cy))
	c.raw(`<text class="chart-ring-number" x="%s" y="%s" text-anchor="middle" font-size="24" font-weight="600">%s</text>`, num(cx), num(cy+8), esc(text))
	lines := wrap(label, int(math.Floor((width-8)/(smallSize*charWidth))), 2, smallSize)
	for k, line := range lines {
		c.text(cx, 156+float64(k)*14, "chart-label", "middle", smallSize, colourText, line)
	}
	return c.close()
}

func roundTo(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
