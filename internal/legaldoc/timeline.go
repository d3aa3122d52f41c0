package legaldoc

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/vn"
)

// An event on a document's timeline: a relation taking effect, its own
// start or end.
type event struct {
	On    time.Time
	Label string // "Được thay thế bởi 15/2025/QĐ-UBND"
	Tone  string // colour of the marker
}

// Colours of the platform charts (internal/platform/chart): the tones good,
// warn, bad and neutral, text and grid.
const (
	toneGood    = "#047857"
	toneWarn    = "#b45309"
	toneBad     = "#b91c1c"
	toneNeutral = "#6b7280"
	toneOK      = "#2563eb"
	colourText  = "#1f2937"
	colourGrid  = "#d1d5db"
	fontFamily  = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif`
)

// TimelineSVG draws a document's life as a small server-side SVG in the
// style of the platform charts: a bar from the day it took effect to the
// day it ended (or today), green while wholly in force, amber once a part
// has ended, grey while suspended, and a marker with a label for each
// relation that acted on it or that it has with others. The description
// says the same in words for a screen reader.
func TimelineSVG(d Document, rels []Relation, today time.Time) template.HTML {
	t := d.Timeline
	var events []event
	events = append(events, event{On: t.EffectiveFrom, Label: "Có hiệu lực", Tone: toneGood})
	for _, r := range rels {
		if r.EffectiveOn.IsZero() {
			continue
		}
		tone := toneOK
		label := ""
		if r.TargetID == d.ID {
			label = inverseVI[r.Kind] + " " + r.Source.Number
			switch {
			case r.Ends():
				tone = toneBad
			case r.Partial():
				tone = toneWarn
			case r.Kind == Suspends:
				tone = toneNeutral
			}
		} else {
			label = capitalise(kindVI[r.Kind]) + " " + r.Target.Number
		}
		events = append(events, event{On: r.EffectiveOn, Label: label, Tone: tone})
	}
	if !t.ExpiredOn.IsZero() && t.ExpiredBy == 0 {
		events = append(events, event{On: t.ExpiredOn, Label: "Hết hiệu lực", Tone: toneBad})
	}
	start, end := t.EffectiveFrom, today
	for _, e := range events {
		if e.On.Before(start) {
			start = e.On
		}
		if e.On.After(end) {
			end = e.On
		}
	}
	if !t.ExpiredOn.IsZero() && t.ExpiredOn.After(end) {
		end = t.ExpiredOn
	}
	span := end.Sub(start).Hours()
	if span <= 0 {
		span = 24
	}
	const width, left, right, barY, barH = 480.0, 16.0, 16.0, 40.0, 16.0
	x := func(at time.Time) float64 { return left + (width-left-right)*at.Sub(start).Hours()/span }
	// Sort events by day; each label gets a row of its own below the bar.
	for i := 1; i < len(events); i++ {
		for j := i; j > 0 && events[j].On.Before(events[j-1].On); j-- {
			events[j], events[j-1] = events[j-1], events[j]
		}
	}
	height := barY + barH + 20 + float64(len(events))*18 + 8
	var desc []string
	for _, e := range events {
		desc = append(desc, vn.FormatDate(e.On)+": "+e.Label)
	}
	var b strings.Builder
	title := "Diễn biến hiệu lực của " + d.Number
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-timeline" role="img" aria-label="%s" viewBox="0 0 %s %s" width="100%%" preserveAspectRatio="xMidYMid meet" font-family="%s" font-size="12" fill="%s">`,
		esc(title), num(width), num(height), fontFamily, colourText)
	fmt.Fprintf(&b, `<title>%s</title><desc>%s</desc>`, esc(title), esc(strings.Join(desc, "; ")+"."))
	fmt.Fprintf(&b, `<text x="%s" y="20" font-size="11" fill="%s">%s</text>`, num(left), toneNeutral, esc(vn.FormatDate(start)))
	fmt.Fprintf(&b, `<text x="%s" y="20" font-size="11" fill="%s" text-anchor="end">%s</text>`, num(width-right), toneNeutral, esc(vn.FormatDate(end)))
	fmt.Fprintf(&b, `<rect class="chart-track" x="%s" y="%s" width="%s" height="%s" fill="#e5e7eb" rx="3"/>`, num(left), num(barY), num(width-left-right), num(barH))
	// The life of the document, then its partial end and suspensions on top.
	lifeEnd := end
	if !t.ExpiredOn.IsZero() {
		lifeEnd = t.ExpiredOn
	}
	rect := func(class string, from, to time.Time, fill string) {
		if !to.After(from) {
			return
		}
		fmt.Fprintf(&b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, class, num(x(from)), num(barY), num(math.Max(x(to)-x(from), 1)), num(barH), fill)
	}
	rect("chart-tone-good", t.EffectiveFrom, lifeEnd, toneGood)
	if !t.PartlyFrom.IsZero() && t.PartlyFrom.Before(lifeEnd) {
		rect("chart-tone-warn", t.PartlyFrom, lifeEnd, toneWarn)
	}
	for _, s := range t.Suspensions {
		to := s.To
		if to.IsZero() || to.After(lifeEnd) {
			to = lifeEnd
		} else {
			to = to.AddDate(0, 0, 1)
		}
		rect("chart-tone-neutral", s.From, to, toneNeutral)
	}
	fmt.Fprintf(&b, `<line class="chart-today" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1.5" stroke-dasharray="3 2"/>`,
		num(x(today)), num(barY-6), num(x(today)), num(barY+barH+6), colourText)
	for i, e := range events {
		ex := x(e.On)
		ly := barY + barH + 20 + float64(i)*18
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"/>`, num(ex), num(barY+barH), num(ex), num(ly-10), colourGrid)
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="4" fill="%s"/>`, num(ex), num(barY+barH/2), e.Tone)
		label := vn.FormatDate(e.On) + " — " + e.Label
		anchor, lx := "start", ex+4
		if ex > width/2 {
			anchor, lx = "end", ex-4
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="%s">%s</text>`, num(lx), num(ly), anchor, esc(label))
	}
	b.WriteString(`</svg>`)
	// Built only from escaped text and formatted numbers.
	return template.HTML(b.String())
}

// kindVI and inverseVI word a relation from either side.
var (
	kindVI = map[RelationKind]string{Amends: "sửa đổi, bổ sung", Replaces: "thay thế", Repeals: "bãi bỏ", PartlyExpires: "làm hết hiệu lực một phần",
		Guides: "quy định chi tiết, hướng dẫn", Suspends: "ngưng hiệu lực"}
	inverseVI = map[RelationKind]string{Amends: "Được sửa đổi, bổ sung bởi", Replaces: "Được thay thế bởi", Repeals: "Bị bãi bỏ bởi",
		PartlyExpires: "Hết hiệu lực một phần theo", Guides: "Được quy định chi tiết bởi", Suspends: "Bị ngưng hiệu lực bởi"}
)

func capitalise(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func num(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }
