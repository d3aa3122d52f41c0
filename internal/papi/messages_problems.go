package papi

import "papihub/internal/platform/web"

// The problems of an official-results file (see Problem.Text): Vietnamese for
// the upload page and the command line, English for Problem.Message, logs and
// errors. Each names what is wrong in the cell; the row and column are shown
// beside it.
func init() {
	web.AddMessages(web.LangVI, map[string]string{
		"papi.problem.year.invalid":     "%q không phải là năm",
		"papi.problem.year.range":       "năm %d nằm ngoài khoảng %d–%d",
		"papi.problem.province.empty":   "thiếu tên tỉnh",
		"papi.problem.province.blank":   "tên tỉnh trống",
		"papi.problem.province.gone":    "tỉnh %q không còn tồn tại năm %d: từ %s đã hợp nhất vào %s",
		"papi.problem.province.not_yet": "tỉnh %q chưa tồn tại năm %d (thành lập ngày %s)",
		"papi.problem.province.unknown": "không có tỉnh %q (có phải là %q?)",
		"papi.problem.number":           "%q không phải là số",
		"papi.problem.dimension.range":  "điểm chỉ số nội dung %g nằm ngoài khoảng 1–10",
		"papi.problem.dimension.six":    "năm %d PAPI chỉ có 6 chỉ số nội dung, nhưng cột %s có giá trị %s",
		"papi.problem.total.range":      "tổng điểm %g nằm ngoài khoảng %g–%g của năm có %g chỉ số nội dung",
		"papi.problem.total.sum":        "tổng điểm %g khác %.4f là tổng của %d chỉ số nội dung có số liệu (chênh lệch quá mức làm tròn %.3f)",
		"papi.problem.file.empty":       "tệp trống; cần dòng tiêu đề province,year,D1,…,D8,total",
		"papi.problem.row.duplicate":    "%s năm %d đã có ở dòng %d",
		"papi.problem.column.unknown":   "cột không dùng đến, bỏ qua",
		"papi.problem.column.twice":     "cột xuất hiện hai lần",
		"papi.problem.column.missing":   "thiếu cột bắt buộc",
	})
	web.AddMessages(web.LangEN, map[string]string{
		"papi.problem.year.invalid":     "%q is not a year",
		"papi.problem.year.range":       "year %d is outside %d–%d",
		"papi.problem.province.empty":   "province is empty",
		"papi.problem.province.blank":   "empty province name",
		"papi.problem.province.gone":    "province %q no longer exists in %d: since %s it is part of %s",
		"papi.problem.province.not_yet": "province %q did not exist yet in %d (it was created on %s)",
		"papi.problem.province.unknown": "unknown province %q (did you mean %q?)",
		"papi.problem.number":           "%q is not a number",
		"papi.problem.dimension.range":  "dimension score %g is outside 1–10",
		"papi.problem.dimension.six":    "%d has only 6 dimensions, but %s holds %s",
		"papi.problem.total.range":      "total %g is outside %g–%g for a %g-dimension year",
		"papi.problem.total.sum":        "total %g differs from %.4f, the sum of the %d dimensions present (by more than rounding, %.3f)",
		"papi.problem.file.empty":       "the file is empty; expected a header province,year,D1,…,D8,total",
		"papi.problem.row.duplicate":    "%s %d already appears in row %d",
		"papi.problem.column.unknown":   "unknown column, ignored",
		"papi.problem.column.twice":     "column appears twice",
		"papi.problem.column.missing":   "required column is missing",
	})
}
