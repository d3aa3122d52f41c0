package legaldoc

import (
	"html/template"
	"strings"
	"time"

	"papihub/internal/platform/chart"
)

// TimelineSVG draws a document's life (chart.Timeline): a bar from the day
// it took effect to the day it ended (or today), good while wholly in
// force, warn once a part has ended, neutral while suspended, and a mark
// for each relation it takes part in.
func TimelineSVG(d Document, rels []Relation, today time.Time) template.HTML {
	t := d.Timeline
	ch := chart.TimelineChart{Title: "Diễn biến hiệu lực của " + d.Number, Today: today,
		Marks: []chart.Mark{{On: t.EffectiveFrom, Label: "Có hiệu lực", Tone: chart.ToneGood}}}
	end := t.ExpiredOn // zero runs to the chart's end
	ch.Segments = append(ch.Segments, chart.Segment{From: t.EffectiveFrom, To: end, Tone: chart.ToneGood})
	if !t.PartlyFrom.IsZero() && (end.IsZero() || t.PartlyFrom.Before(end)) {
		ch.Segments = append(ch.Segments, chart.Segment{From: t.PartlyFrom, To: end, Tone: chart.ToneWarn})
	}
	for _, s := range t.Suspensions {
		to := s.To
		if !to.IsZero() {
			to = to.AddDate(0, 0, 1) // the last day suspended is included
		}
		if to.IsZero() || (!end.IsZero() && to.After(end)) {
			to = end
		}
		ch.Segments = append(ch.Segments, chart.Segment{From: s.From, To: to, Tone: chart.ToneNeutral})
	}
	for _, r := range rels {
		if r.EffectiveOn.IsZero() {
			continue
		}
		m := chart.Mark{On: r.EffectiveOn, Tone: chart.ToneOK, Label: capitalise(kindVI[r.Kind]) + " " + r.Target.Number}
		if r.TargetID == d.ID {
			m.Label = inverseVI[r.Kind] + " " + r.Source.Number
			switch {
			case r.Ends():
				m.Tone = chart.ToneBad
			case r.Partial():
				m.Tone = chart.ToneWarn
			case r.Kind == Suspends:
				m.Tone = chart.ToneNeutral
			}
		}
		ch.Marks = append(ch.Marks, m)
	}
	if !t.ExpiredOn.IsZero() && t.ExpiredBy == 0 {
		ch.Marks = append(ch.Marks, chart.Mark{On: t.ExpiredOn, Label: "Hết hiệu lực", Tone: chart.ToneBad})
	}
	return chart.Timeline(ch)
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
