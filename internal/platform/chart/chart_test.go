package chart

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"math"
	"strings"
	"testing"
)

// node is any element of a parsed chart.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) hasClass(class string) bool {
	return strings.Contains(" "+n.attr("class")+" ", " "+class+" ")
}

// all returns the elements under n, n included, that have the tag and class.
func (n node) all(tag, class string) []node {
	var out []node
	if n.XMLName.Local == tag && (class == "" || n.hasClass(class)) {
		out = append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.all(tag, class)...)
	}
	return out
}

// parse checks that svg is a well-formed, accessible chart and returns it.
func parse(t *testing.T, svg template.HTML) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, svg)
	}
	if root.XMLName.Local != "svg" || root.attr("role") != "img" || root.attr("aria-label") == "" || root.attr("viewBox") == "" {
		t.Fatalf("root is not an accessible svg: %s", svg[:min(len(svg), 300)])
	}
	if len(root.Nodes) < 2 || root.Nodes[0].XMLName.Local != "title" || root.Nodes[1].XMLName.Local != "desc" {
		t.Fatalf("svg does not start with <title> and <desc>")
	}
	if s := string(svg); strings.Contains(s, "NaN") || strings.Contains(s, "+Inf") || strings.Contains(s, "-Inf") {
		t.Fatalf("output contains NaN or Inf:\n%s", s)
	}
	return root
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return f
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.011 }

func TestEverySampleIsAWellFormedAccessibleSVG(t *testing.T) {
	for name, svg := range samples() {
		t.Run(name, func(t *testing.T) { parse(t, svg) })
	}
}

func TestAHorizontalBarOfFiveOutOfTenFillsHalfItsTrack(t *testing.T) {
	root := parse(t, Bars(BarChart{Horizontal: true, Bars: []Bar{{Label: "Quản trị điện tử", Value: 5, Max: 10}}}))
	track, bar := root.all("rect", "chart-track"), root.all("rect", "chart-bar")
	if len(track) != 1 || len(bar) != 1 {
		t.Fatalf("found %d tracks and %d bars, want one of each", len(track), len(bar))
	}
	// 480 wide, less 12 of padding on each side and 96 kept for the value.
	if w := number(t, track[0].attr("width")); w != 360 {
		t.Fatalf("track width = %v, want 360", w)
	}
	if w := number(t, bar[0].attr("width")); w != 180 {
		t.Fatalf("bar width = %v, want 180, half the track", w)
	}
}

func TestAVerticalBarOfFiveOutOfTenIsHalfThePlotHigh(t *testing.T) {
	root := parse(t, Bars(BarChart{Bars: []Bar{{Label: "2025", Value: 5, Max: 10}, {Label: "2026", Value: 10, Max: 10}}}))
	bars := root.all("rect", "chart-bar")
	if len(bars) != 2 {
		t.Fatalf("found %d bars, want 2", len(bars))
	}
	if h := number(t, bars[0].attr("height")); h != 100 {
		t.Fatalf("bar height = %v, want 100 of the 200-high plot", h)
	}
	if h := number(t, bars[1].attr("height")); h != 200 {
		t.Fatalf("full bar height = %v, want 200", h)
	}
}

func TestBarsWithoutMaxShareARoundedScale(t *testing.T) {
	// The largest value 7 rounds up to 8 (steps of 2 for four intervals),
	// so 4 fills half of the 360-wide track.
	root := parse(t, Bars(BarChart{Horizontal: true, Bars: []Bar{{Label: "a", Value: 4}, {Label: "b", Value: 7}}}))
	if w := number(t, root.all("rect", "chart-bar")[0].attr("width")); w != 180 {
		t.Fatalf("bar width = %v, want 180", w)
	}
}

func TestBarValuesAreWrittenTheVietnameseWay(t *testing.T) {
	svg := string(Bars(BarChart{Horizontal: true, Unit: "điểm", Bars: []Bar{{Label: "Tổng hợp", Value: 44.18, Max: 80}, {Label: "Số hồ sơ", Value: 1234567}}}))
	for _, want := range []string{"44,18 điểm", "1.234.567 điểm"} {
		if !strings.Contains(svg, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestLabelsAreEscaped(t *testing.T) {
	evil := `<script>alert("x")</script> & 'quotes'`
	for name, svg := range map[string]template.HTML{
		"bars":     Bars(BarChart{Title: evil, Unit: evil, Bars: []Bar{{Label: evil, Value: 1, Note: evil}}}),
		"vertical": Bars(BarChart{Title: evil, Bars: []Bar{{Label: evil, Value: 1, Note: evil}}}),
		"lines":    Lines(LineChart{Title: evil, XLabels: []string{evil}, Series: []Series{{Name: evil, Values: []float64{1}}}}),
		"radar":    Radar(RadarChart{Title: evil, Axes: []string{evil, evil, evil}, Series: []Series{{Name: evil, Values: []float64{1, 2, 3}}}}),
		"progress": ProgressBar(1, 1, 3, evil),
		"ring":     Ring(50, evil),
		"stacked":  Stacked(StackedBar{Title: evil, Unit: evil, Parts: []Part{{Label: evil, Value: 1}}}),
		"empty":    Bars(BarChart{Title: evil}),
		"control":  Bars(BarChart{Title: "a\x00b\x1bc", Bars: []Bar{{Label: "\xff\xfe", Value: 1}}}),
	} {
		t.Run(name, func(t *testing.T) {
			root := parse(t, svg)
			if strings.Contains(string(svg), "<script") || len(root.all("script", "")) > 0 {
				t.Fatalf("a label became markup:\n%s", svg)
			}
		})
	}
}

func TestTheTitleReachesScreenReadersUnchanged(t *testing.T) {
	title := `Chỉ số "PAPI" <2025> & hơn`
	root := parse(t, Bars(BarChart{Title: title, Bars: []Bar{{Label: "a", Value: 1}}}))
	if root.attr("aria-label") != title || root.Nodes[0].Text != title {
		t.Fatalf("aria-label %q, title %q; want %q", root.attr("aria-label"), root.Nodes[0].Text, title)
	}
}

func TestAMissingValueBreaksTheLine(t *testing.T) {
	root := parse(t, Lines(LineChart{
		XLabels: []string{"2019", "2020", "2021", "2022", "2023"},
		YMin:    0, YMax: 10,
		Series: []Series{{Name: "Hưng Yên", Values: []float64{1, 2, 0, 4, math.NaN()}, Missing: []bool{false, false, true}}},
	}))
	paths := root.all("path", "")
	if len(paths) != 1 {
		t.Fatalf("found %d paths, want 1", len(paths))
	}
	d := paths[0].attr("d")
	if strings.Count(d, "M") != 2 || strings.Count(d, "L") != 1 {
		t.Fatalf("path %q: want two pieces, 2019–2020 and 2022 alone", d)
	}
	if n := len(root.all("circle", "chart-point")); n != 3 {
		t.Fatalf("%d points drawn, want 3: missing years are not drawn at zero", n)
	}
	// Plot is 200 high from 0 to 10: a value of 0 would sit at the bottom.
	for _, c := range root.all("circle", "chart-point") {
		if c.attr("cy") == root.all("line", "chart-axis-line")[0].attr("y1") {
			t.Fatalf("a point sits on the zero line")
		}
	}
	if !strings.Contains(root.Nodes[1].Text, "2021 không có số liệu") {
		t.Fatalf("desc %q does not say 2021 is missing", root.Nodes[1].Text)
	}
}

func TestLinePointsSitWhereTheScaleSays(t *testing.T) {
	// Three years across x from 52 to 460 (12 padding + 40 axis room on the
	// left, 12 + 8 on the right); 5 on a 0–10 axis is half of the 200-high
	// plot above its bottom.
	root := parse(t, Lines(LineChart{XLabels: []string{"a", "b", "c"}, YMin: 0, YMax: 10, Series: []Series{{Values: []float64{0, 5, 10}}}}))
	pts := root.all("circle", "chart-point")
	bottom := number(t, root.all("line", "chart-axis-line")[0].attr("y1"))
	want := [][2]float64{{52, bottom}, {256, bottom - 100}, {460, bottom - 200}}
	for i, p := range pts {
		if x, y := number(t, p.attr("cx")), number(t, p.attr("cy")); !near(x, want[i][0]) || !near(y, want[i][1]) {
			t.Errorf("point %d at (%v, %v), want (%v, %v)", i, x, y, want[i][0], want[i][1])
		}
	}
}

func TestRadarPutsTheMaximumOnTheRimStraightUp(t *testing.T) {
	root := parse(t, Radar(RadarChart{Axes: []string{"a", "b", "c", "d"}, Min: 0, Max: 10, Series: []Series{{Name: "x", Values: []float64{10, 5, 0, 5}}}}))
	pts := root.all("circle", "chart-point")
	if len(pts) != 4 {
		t.Fatalf("%d points, want 4", len(pts))
	}
	cx, cy := number(t, pts[2].attr("cx")), number(t, pts[2].attr("cy")) // value 0: the centre
	// Axis 0 points up at the full radius 120; axis 1 points right at half.
	if x, y := number(t, pts[0].attr("cx")), number(t, pts[0].attr("cy")); !near(x, cx) || !near(y, cy-120) {
		t.Errorf("10 on axis 0 at (%v, %v), want (%v, %v)", x, y, cx, cy-120)
	}
	if x, y := number(t, pts[1].attr("cx")), number(t, pts[1].attr("cy")); !near(x, cx+60) || !near(y, cy) {
		t.Errorf("5 on axis 1 at (%v, %v), want (%v, %v)", x, y, cx+60, cy)
	}
	if len(root.all("polygon", "")) == 0 {
		t.Fatal("a complete series should be a polygon")
	}
}

func TestRadarSeriesWithAGapIsAnOpenOutline(t *testing.T) {
	root := parse(t, Radar(RadarChart{Axes: []string{"a", "b", "c", "d"}, Max: 10, Series: []Series{{Name: "x", Values: []float64{5, 5, 5, 5}, Missing: []bool{false, true}}}}))
	var d string
	for _, p := range root.all("path", "") {
		d = p.attr("d")
	}
	// Axes 2, 3 and back to 0 are joined; axis 1 is missing, 0 starts alone.
	if strings.Count(d, "M") != 2 || strings.Count(d, "L") != 2 {
		t.Fatalf("outline %q, want the piece 0 alone and the piece 2–3–0", d)
	}
}

func TestProgressBarSplitsTheTrack(t *testing.T) {
	root := parse(t, ProgressBar(12, 3, 20, "Kế hoạch năm 2026"))
	// The track is 280 − 2·12 = 256 wide: 12 of 20 done is 153,6 and 3
	// overdue is 38,4.
	done, overdue := root.all("rect", "chart-done"), root.all("rect", "chart-overdue")
	if len(done) != 1 || len(overdue) != 1 {
		t.Fatal("want one done and one overdue segment")
	}
	if w := number(t, done[0].attr("width")); !near(w, 153.6) {
		t.Errorf("done width = %v, want 153.6", w)
	}
	if x, w := number(t, overdue[0].attr("x")), number(t, overdue[0].attr("width")); !near(x, 12+153.6) || !near(w, 38.4) {
		t.Errorf("overdue at %v width %v, want at 165.6 width 38.4", x, w)
	}
	if desc := root.Nodes[1].Text; desc != "12/20 hoàn thành (60%), 3 quá hạn." {
		t.Errorf("desc = %q", desc)
	}
}

func TestProgressBarClampsImpossibleCounts(t *testing.T) {
	root := parse(t, ProgressBar(25, 9, 20, "x"))
	if desc := root.Nodes[1].Text; desc != "20/20 hoàn thành (100%)." {
		t.Errorf("desc = %q, want all done and nothing overdue", desc)
	}
}

func TestRingArcIsTheShareOfTheCircle(t *testing.T) {
	root := parse(t, Ring(25, "Đúng hạn"))
	arc := root.all("circle", "chart-ring-value")[0].attr("stroke-dasharray")
	// r = 56: the circumference is 2π·56 = 351,86 and a quarter is 87,96.
	if arc != "87.96 351.86" {
		t.Fatalf("dasharray = %q, want \"87.96 351.86\"", arc)
	}
	if got := root.all("text", "chart-ring-number")[0].Text; got != "25%" {
		t.Fatalf("centre text = %q", got)
	}
}

func TestStackedPartsShareTheTrackByValue(t *testing.T) {
	root := parse(t, Stacked(StackedBar{Parts: []Part{{Label: "Trước hạn", Value: 1}, {Label: "Đúng hạn", Value: 1}, {Label: "Quá hạn", Value: 2, Tone: ToneBad}}}))
	bars := root.all("rect", "chart-bar")
	want := []struct{ x, w float64 }{{12, 114}, {126, 114}, {240, 228}} // 456 split 1:1:2
	for i, b := range bars {
		if x, w := number(t, b.attr("x")), number(t, b.attr("width")); !near(x, want[i].x) || !near(w, want[i].w) {
			t.Errorf("part %d at %v width %v, want at %v width %v", i, x, w, want[i].x, want[i].w)
		}
	}
	if !bars[2].hasClass("chart-tone-bad") {
		t.Errorf("the late part lacks its tone class")
	}
	if !strings.Contains(root.Nodes[1].Text, "Quá hạn: 2 (50%)") {
		t.Errorf("desc %q lacks the late share", root.Nodes[1].Text)
	}
}

func TestEmptyOrMeaninglessInputDrawsNoData(t *testing.T) {
	for name, svg := range map[string]template.HTML{
		"no bars":             Bars(BarChart{Title: "Trống"}),
		"all bars zero":       Bars(BarChart{Bars: []Bar{{Label: "a"}, {Label: "b"}}}),
		"bars not numbers":    Bars(BarChart{Horizontal: true, Bars: []Bar{{Label: "a", Value: math.NaN()}, {Label: "b", Value: math.Inf(1), Max: math.Inf(1)}}}),
		"no series":           Lines(LineChart{XLabels: []string{"2025"}}),
		"only missing values": Lines(LineChart{Series: []Series{{Values: []float64{1}, Missing: []bool{true}}}}),
		"flat line":           Lines(LineChart{Series: []Series{{Values: []float64{3, 3}}}}),
		"two axes":            Radar(RadarChart{Axes: []string{"a", "b"}, Series: []Series{{Values: []float64{1, 2}}}}),
		"radar of zeros":      Radar(RadarChart{Axes: []string{"a", "b", "c"}, Series: []Series{{Values: []float64{0, 0, 0}}}}),
		"no tasks":            ProgressBar(0, 0, 0, ""),
		"ring not a number":   Ring(math.NaN(), ""),
		"no parts":            Stacked(StackedBar{}),
		"parts all zero":      Stacked(StackedBar{Parts: []Part{{Label: "a"}, {Label: "b", Value: -1}}}),
	} {
		t.Run(name, func(t *testing.T) { parse(t, svg) })
	}
}

func TestNoDataSaysSoInVietnamese(t *testing.T) {
	root := parse(t, Lines(LineChart{Title: "Tổng điểm"}))
	if got := root.Nodes[1].Text; got != "Không có số liệu." {
		t.Fatalf("desc = %q", got)
	}
	if texts := root.all("text", "chart-empty-text"); len(texts) != 1 || texts[0].Text != "Không có số liệu" {
		t.Fatal("the notice is not drawn")
	}
}
