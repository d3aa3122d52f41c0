package chart

import (
	"html/template"
	"os"
	"path/filepath"
	"testing"
)

// The eight PAPI dimensions, with names as long as the real ones.
var papiDimensions = []string{
	"Tham gia của người dân ở cấp cơ sở",
	"Công khai, minh bạch trong việc ra quyết định",
	"Trách nhiệm giải trình với người dân",
	"Kiểm soát tham nhũng trong khu vực công",
	"Thủ tục hành chính công",
	"Cung ứng dịch vụ công",
	"Quản trị môi trường",
	"Quản trị điện tử",
}

// samples are one chart of each kind with realistic data; the tests check
// them all, and CHART_SAMPLES=dir writes them out to look at.
func samples() map[string]template.HTML {
	return map[string]template.HTML{
		"bars-horizontal": Bars(BarChart{
			Title:      "Chỉ số PAPI 2025 theo nội dung — Hưng Yên",
			Unit:       "điểm",
			Horizontal: true,
			Bars: []Bar{
				{Label: papiDimensions[0], Value: 5.12, Max: 10, Note: "+0,21"},
				{Label: papiDimensions[1], Value: 5.48, Max: 10},
				{Label: papiDimensions[2], Value: 4.31, Max: 10, Note: "nhóm thấp nhất", Tone: ToneBad},
				{Label: papiDimensions[3], Value: 6.93, Max: 10, Tone: ToneGood},
				{Label: "Tổng hợp", Value: 44.18, Max: 80},
			},
		}),
		"bars-vertical": Bars(BarChart{
			Title: "Hồ sơ tiếp nhận theo năm",
			Unit:  "hồ sơ",
			Bars: []Bar{
				{Label: "2021", Value: 1204}, {Label: "2022", Value: 2380}, {Label: "2023", Value: 3105},
				{Label: "2024", Value: 4512}, {Label: "2025", Value: 3978, Note: "đến T10"},
			},
		}),
		"lines": Lines(LineChart{
			Title:   "Tổng điểm PAPI 2018–2025",
			XLabels: []string{"2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"},
			YMin:    35, YMax: 50,
			Series: []Series{
				{Name: "Hưng Yên", Values: []float64{41.2, 42.0, 0, 42.9, 43.5, 44.0, 43.8, 44.18}, Missing: []bool{false, false, true}},
				{Name: "Trung vị cả nước", Values: []float64{42.5, 42.8, 43.1, 43.0, 43.4, 43.6, 43.9, 44.0}},
				{Name: "Tỉnh cao nhất", Values: []float64{45.9, 46.3, 47.0, 46.8, 47.5, 47.9, 48.2, 48.6}},
			},
		}),
		"radar": Radar(RadarChart{
			Title: "8 nội dung PAPI 2025: Hưng Yên so với tỉnh cao nhất và trung vị",
			Axes:  papiDimensions,
			Min:   1, Max: 10,
			Series: []Series{
				{Name: "Hưng Yên", Values: []float64{5.12, 5.48, 4.31, 6.93, 7.45, 7.21, 3.62, 3.9}},
				{Name: "Cao nhất", Values: []float64{5.9, 6.2, 5.4, 7.5, 7.9, 7.8, 4.4, 5.1}},
				{Name: "Trung vị", Values: []float64{4.9, 5.2, 4.5, 6.7, 7.4, 7.2, 3.5, 4.0}},
			},
		}),
		"progress": ProgressBar(12, 3, 20, "Kế hoạch cải cách hành chính năm 2026"),
		"ring":     Ring(87.5, "Hồ sơ giải quyết đúng hạn"),
		"stacked": Stacked(StackedBar{
			Title: "Kết quả giải quyết hồ sơ quý III/2026",
			Unit:  "hồ sơ",
			Parts: []Part{
				{Label: "Trước hạn", Value: 1320, Tone: ToneGood},
				{Label: "Đúng hạn", Value: 2410, Tone: ToneOK},
				{Label: "Quá hạn", Value: 187, Tone: ToneBad},
			},
		}),
		"empty-lines": Lines(LineChart{Title: "Chưa có năm nào"}),
	}
}

func TestWriteSamplesWhenAsked(t *testing.T) {
	dir := os.Getenv("CHART_SAMPLES")
	if dir == "" {
		t.Skip("set CHART_SAMPLES to a directory to write one chart of each kind")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, svg := range samples() {
		if err := os.WriteFile(filepath.Join(dir, name+".svg"), []byte(svg), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
