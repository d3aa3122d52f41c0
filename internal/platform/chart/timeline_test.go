package chart

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestATimelineSpansItsDaysAndListsItsMarksInDateOrder(t *testing.T) {
	svg := string(Timeline(TimelineChart{Title: "Diễn biến", Today: day("2025-06-15"),
		Segments: []Segment{{From: day("2020-01-01"), To: day("2025-03-20"), Tone: ToneGood}},
		Marks:    []Mark{{On: day("2025-03-20"), Label: "Được thay thế bởi 15/2025/QĐ-UBND", Tone: ToneBad}, {On: day("2020-01-01"), Label: "Có hiệu lực <1>"}},
	}))
	for _, want := range []string{`role="img"`, "01/01/2020 — Có hiệu lực &lt;1&gt;", "15/06/2025",
		"<desc>01/01/2020: Có hiệu lực &lt;1&gt;; 20/03/2025: Được thay thế bởi 15/2025/QĐ-UBND.</desc>", `chart-bar chart-tone-good`, `chart-today`} {
		if !strings.Contains(svg, want) {
			t.Errorf("the timeline lacks %q", want)
		}
	}
	if strings.Index(svg, "01/01/2020 — ") > strings.Index(svg, "20/03/2025 — ") {
		t.Error("the marks are not in date order")
	}
	if empty := string(Timeline(TimelineChart{Title: "x"})); !strings.Contains(empty, "Không có số liệu") {
		t.Error("an empty timeline does not say so")
	}
}
