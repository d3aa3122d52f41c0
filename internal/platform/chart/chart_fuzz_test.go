package chart

import (
	"encoding/xml"
	"strings"
	"testing"
)

// FuzzCharts feeds arbitrary labels and numbers to every chart: the output
// must stay well-formed XML without NaN, whatever a database row holds.
func FuzzCharts(f *testing.F) {
	f.Add("Hưng Yên", 44.18, 80.0, 12, 3, 20)
	f.Add("<script>", -1.0, 0.0, -5, 99, 0)
	f.Add("a\x00\xff", 1e308, 1e-308, 1, 1, 1)
	f.Add("", 1.7e308, -1.7e308, 0, 0, 1)
	f.Fuzz(func(t *testing.T, label string, v, m float64, done, overdue, total int) {
		for _, svg := range []string{
			string(Bars(BarChart{Title: label, Unit: label, Horizontal: true, Bars: []Bar{{Label: label, Value: v, Max: m, Note: label}, {Label: label, Value: m}}})),
			string(Bars(BarChart{Title: label, Bars: []Bar{{Label: label, Value: v}, {Label: label, Value: m}}})),
			string(Lines(LineChart{Title: label, XLabels: []string{label, label}, YMin: m, YMax: v, Series: []Series{{Name: label, Values: []float64{v, m}}}})),
			string(Radar(RadarChart{Title: label, Axes: []string{label, label, label}, Min: m, Max: v, Series: []Series{{Name: label, Values: []float64{v, m, v}}}})),
			string(ProgressBar(done, overdue, total, label)),
			string(Ring(v, label)),
			string(Stacked(StackedBar{Title: label, Parts: []Part{{Label: label, Value: v}, {Label: label, Value: m}}})),
		} {
			var root node
			if err := xml.Unmarshal([]byte(svg), &root); err != nil {
				t.Fatalf("not well-formed: %v\n%s", err, svg)
			}
			if strings.Contains(svg, "NaN") {
				t.Fatalf("NaN in output:\n%s", svg)
			}
		}
	})
}
