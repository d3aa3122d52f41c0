// Package chart draws the charts of PAPI Hub's pages as inline SVG on the
// server: no JavaScript, so pages print as they look and work on any phone.
//
// Every chart is an <svg role="img"> with an aria-label, a <title> and a
// <desc> that states the numbers in words, so a screen reader gets the data
// and not the drawing. Sizes are in viewBox units and the SVG is 100% wide:
// the drawing scales to its container and the text stays readable at phone
// width. Colours are presentation attributes with CSS classes beside them
// (chart-series-1, chart-tone-bad, chart-grid, …), so a page stylesheet can
// theme them while the defaults already have at least 3:1 contrast on white.
// All text from callers is escaped. Numbers are written the Vietnamese way
// (44,18) by package vn.
package chart

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"papihub/internal/platform/vn"
)

// Text sizes and the font stack, in viewBox units. The common viewBox is
// 480 wide, so on a 360 px phone 13 units render at about 10 px.
const (
	fontFamily = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif`
	fontSize   = 13
	smallSize  = 11
	titleSize  = 15
	// charWidth is the average advance of a character as a share of the font
	// size, for estimating how much text fits: the server cannot measure.
	charWidth = 0.56
	pad       = 12
)

// Default colours. Series colours are the 700 shades of a common web palette:
// each has at least 4.5:1 contrast on white and they stay distinct for the
// common colour-vision deficiencies when paired with the dash patterns below.
var seriesColours = []string{"#1d4ed8", "#c2410c", "#047857", "#7e22ce", "#be123c", "#0e7490", "#4d7c0f", "#a16207"}

// seriesDashes makes series distinguishable without colour (and in
// black-and-white print): solid, dashed, dotted, dash-dot.
var seriesDashes = []string{"", "7 4", "2 3", "8 3 2 3"}

const (
	colourText  = "#1f2937"
	colourMuted = "#4b5563"
	colourGrid  = "#d1d5db"
	colourTrack = "#e5e7eb"
	colourAxis  = "#6b7280"
)

// Tone gives a part or a bar a meaning rather than a place in the palette.
type Tone string

const (
	ToneDefault Tone = ""
	ToneGood    Tone = "good"    // done, early
	ToneOK      Tone = "ok"      // on time, in progress on track
	ToneWarn    Tone = "warn"    // due soon
	ToneBad     Tone = "bad"     // late, overdue
	ToneNeutral Tone = "neutral" // not started, other
)

var toneColours = map[Tone]string{
	ToneGood:    "#047857",
	ToneOK:      "#2563eb",
	ToneWarn:    "#b45309",
	ToneBad:     "#b91c1c",
	ToneNeutral: "#6b7280",
}

// seriesColour and seriesClass give the i-th series (from 0) its look.
func seriesColour(i int) string { return seriesColours[i%len(seriesColours)] }
func seriesDash(i int) string   { return seriesDashes[i%len(seriesDashes)] }
func seriesClass(i int) string  { return "chart-series-" + strconv.Itoa(i+1) }

// toneLook returns the class and colour of a tone, falling back to the i-th
// series colour for ToneDefault.
func toneLook(t Tone, i int) (class, colour string) {
	if c, ok := toneColours[t]; ok {
		return "chart-tone-" + string(t), c
	}
	return seriesClass(i), seriesColour(i)
}

// canvas accumulates one SVG document.
type canvas struct {
	b strings.Builder
}

// open writes the root element with its accessible name and description.
func (c *canvas) open(kind string, width, height float64, title, desc string) {
	label := title
	if label == "" {
		label = "Biểu đồ"
	}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" role="img" aria-label="%s" viewBox="0 0 %s %s" width="100%%" preserveAspectRatio="xMidYMid meet" font-family="%s" font-size="%d" fill="%s">`,
		kind, esc(label), num(width), num(height), fontFamily, fontSize, colourText)
	fmt.Fprintf(&c.b, `<title>%s</title><desc>%s</desc>`, esc(label), esc(desc))
}

func (c *canvas) close() template.HTML {
	c.b.WriteString(`</svg>`)
	// The content is built only from escaped text and formatted numbers.
	return template.HTML(c.b.String())
}

func (c *canvas) raw(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

// text writes one line of escaped text; anchor is start, middle or end.
func (c *canvas) text(x, y float64, class, anchor string, size int, colour, s string) {
	fmt.Fprintf(&c.b, `<text class="%s" x="%s" y="%s"`, class, num(x), num(y))
	if anchor != "" && anchor != "start" {
		fmt.Fprintf(&c.b, ` text-anchor="%s"`, anchor)
	}
	if size != fontSize {
		fmt.Fprintf(&c.b, ` font-size="%d"`, size)
	}
	if colour != colourText {
		fmt.Fprintf(&c.b, ` fill="%s"`, colour)
	}
	fmt.Fprintf(&c.b, `>%s</text>`, esc(s))
}

func (c *canvas) rect(class string, x, y, w, h float64, fill string, rx float64) {
	fmt.Fprintf(&c.b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s"`, class, num(x), num(y), num(w), num(h))
	if rx > 0 {
		fmt.Fprintf(&c.b, ` rx="%s"`, num(rx))
	}
	fmt.Fprintf(&c.b, ` fill="%s"/>`, fill)
}

func (c *canvas) line(class string, x1, y1, x2, y2 float64, stroke string, width float64, dash string) {
	fmt.Fprintf(&c.b, `<line class="%s" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`,
		class, num(x1), num(y1), num(x2), num(y2), stroke, num(width), dashAttr(dash))
}

// titleLines wraps a title onto at most two lines of the chart's width.
func titleLines(s string, width float64) []string {
	return wrap(s, int((width-2*pad)/(titleSize*charWidth)), 2, titleSize)
}

const titleLine = titleSize + 5

// titleBlock is the height a title takes above the drawing, 0 for none.
func titleBlock(s string, width float64) float64 {
	if n := len(titleLines(s, width)); n > 0 {
		return float64(n)*titleLine + 4
	}
	return 0
}

// title draws the title and returns the y where the drawing may start.
func (c *canvas) title(s string, width float64) float64 {
	for k, line := range titleLines(s, width) {
		c.text(pad, pad+titleSize+float64(k)*titleLine, "chart-title", "start", titleSize, colourText, line)
	}
	return pad + titleBlock(s, width)
}

func dashAttr(dash string) string {
	if dash == "" {
		return ""
	}
	return ` stroke-dasharray="` + dash + `"`
}

// noData draws the chart's frame with a notice instead of marks, so an empty
// report reads as empty rather than as a broken page.
func noData(kind, title string, width, height float64) template.HTML {
	var c canvas
	c.open(kind, width, height, title, "Không có số liệu.")
	top := c.title(title, width)
	c.rect("chart-empty", pad, top, width-2*pad, height-top-pad, "#f9fafb", 6)
	c.raw(`<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="none" stroke="%s" stroke-dasharray="4 4"/>`,
		num(pad), num(top), num(width-2*pad), num(height-top-pad), colourGrid)
	c.text(width/2, top+(height-top-pad)/2+fontSize/3, "chart-empty-text", "middle", fontSize, colourMuted, "Không có số liệu")
	return c.close()
}

// esc escapes text for XML and HTML alike; characters XML forbids become
// U+FFFD, so even a label with control bytes keeps the document well formed.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}

// num writes a coordinate with at most two decimals, dot-separated as SVG
// requires.
func num(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// decimal formats a value for a label, with as many places as it needs up to
// two: 44,18 and 7 and 87,5.
func decimal(x float64) string {
	for places := 0; places < 2; places++ {
		p := math.Pow(10, float64(places))
		if math.Abs(math.Round(x*p)-x*p) < 1e-9 {
			return vn.FormatDecimal(x, places)
		}
	}
	return vn.FormatDecimal(x, 2)
}

// withUnit appends a unit: "44,18 điểm", "87,5%".
func withUnit(s, unit string) string {
	switch {
	case unit == "":
		return s
	case unit == "%":
		return s + unit
	}
	return s + " " + unit
}

// fit shortens s with an ellipsis so that it fits width at size, by the
// estimated character width.
func fit(s string, width float64, size int) string {
	max := int(width / (float64(size) * charWidth))
	r := []rune(s)
	if len(r) <= max || max < 1 {
		if max < 1 {
			return ""
		}
		return s
	}
	return strings.TrimSpace(string(r[:max-1])) + "…"
}

// textWidth estimates the width of s at size.
func textWidth(s string, size int) float64 {
	return float64(len([]rune(s))) * float64(size) * charWidth
}

// finite reports whether x can be drawn.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
