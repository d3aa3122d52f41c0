package tthc

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ReadScoreCSV reads the what-if file of `papihub index score`: a header
// `metric,numerator,denominator`, then one row per indicator. Every metric
// must be in table, appear once, and have 0 ≤ numerator ≤ denominator.
// Errors name the line, in Vietnamese.
func ReadScoreCSV(r io.Reader, table *ScoringTable) (map[string]Count, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("tệp trống: cần dòng tiêu đề metric,numerator,denominator")
	}
	if err != nil {
		return nil, fmt.Errorf("dòng 1: %w", err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // Excel writes a BOM
	}
	if got := strings.ToLower(strings.Join(header, ",")); got != "metric,numerator,denominator" {
		return nil, fmt.Errorf("dòng 1: tiêu đề phải là metric,numerator,denominator, gặp %q", strings.Join(header, ","))
	}
	counts := map[string]Count{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return counts, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("dòng %d: %w", line, err)
		}
		if len(rec) != 3 {
			return nil, fmt.Errorf("dòng %d: cần 3 cột metric,numerator,denominator, gặp %d", line, len(rec))
		}
		metric := strings.TrimSpace(rec[0])
		if _, ok := table.Indicator(metric); !ok {
			return nil, fmt.Errorf("dòng %d: chỉ số %q không có trong bảng điểm %s", line, metric, table.Version)
		}
		if _, dup := counts[metric]; dup {
			return nil, fmt.Errorf("dòng %d: chỉ số %s xuất hiện hai lần", line, metric)
		}
		num, err1 := strconv.ParseInt(strings.TrimSpace(rec[1]), 10, 64)
		den, err2 := strconv.ParseInt(strings.TrimSpace(rec[2]), 10, 64)
		switch {
		case err1 != nil || err2 != nil:
			return nil, fmt.Errorf("dòng %d: tử số và mẫu số phải là số nguyên (%q, %q)", line, rec[1], rec[2])
		case num < 0 || den < 0:
			return nil, fmt.Errorf("dòng %d: %s có số âm (%d/%d)", line, metric, num, den)
		case num > den:
			return nil, fmt.Errorf("dòng %d: %s có tử số %d lớn hơn mẫu số %d", line, metric, num, den)
		}
		counts[metric] = Count{Num: num, Den: den}
	}
}
