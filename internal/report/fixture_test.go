package report

import (
	"fmt"
	"os"
	"testing"
	"time"

	"papihub/internal/platform/vn"
)

// The fixtures read like the report the focal office sends to the
// Department of Home Affairs each quarter.

var dimensions = []string{
	"Tham gia của người dân ở cấp cơ sở",
	"Công khai, minh bạch trong việc ra quyết định ở địa phương",
	"Trách nhiệm giải trình với người dân",
	"Kiểm soát tham nhũng trong khu vực công",
	"Thủ tục hành chính công",
	"Cung ứng dịch vụ công",
	"Quản trị môi trường",
	"Quản trị điện tử",
}

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, vn.Location())
	if err != nil {
		panic(err)
	}
	return t
}

// quarterlyReport is a report on a quarter with one section per PAPI
// dimension, each with a paragraph, a few bullets and a table of its tasks.
func quarterlyReport(tasksPerDimension int) Document {
	doc := Document{
		ParentBody: "UBND TỈNH HƯNG YÊN",
		Issuer:     "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Number:     "12/BC-SKHCN",
		Place:      "Hưng Yên",
		Date:       day("2026-03-05"),
		Kind:       "BÁO CÁO",
		Subject:    "Kết quả thực hiện Kế hoạch nâng cao Chỉ số PAPI quý I năm 2026",
		Recipients: []string{"Sở Nội vụ", "Giám đốc, các Phó Giám đốc Sở", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, VP"},
		Signature:  Signature{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn An"},
	}
	doc.Body = append(doc.Body,
		Heading{Level: 1, Number: "I", Text: "Kết quả thực hiện theo từng chỉ số nội dung"},
		Paragraph{Text: "Thực hiện Kế hoạch số 07/KH-UBND ngày 14/3/2026 của UBND tỉnh về nâng cao Chỉ số PAPI, Sở Khoa học và Công nghệ báo cáo kết quả thực hiện quý I năm 2026 như sau:"},
	)
	for i, dim := range dimensions {
		doc.Body = append(doc.Body,
			Heading{Level: 2, Number: fmt.Sprint(i + 1), Text: "Chỉ số nội dung “" + dim + "”"},
			Paragraph{Text: "Trong quý, đơn vị đã triển khai các nhiệm vụ được giao; ", Runs: []Run{{Text: "đa số nhiệm vụ hoàn thành đúng hạn", Bold: true}, {Text: ", một số nhiệm vụ chậm do chờ hướng dẫn của cơ quan cấp trên."}}},
			Heading{Level: 3, Number: "a", Text: "Kết quả đạt được"},
			Bullets{Items: []string{"Công khai đầy đủ các thủ tục hành chính trên Cổng dịch vụ công", "Tổ chức đối thoại với người dân và doanh nghiệp"}},
			Heading{Level: 3, Number: "b", Text: "Tiến độ các nhiệm vụ"},
			taskTable(i, tasksPerDimension),
		)
	}
	doc.Body = append(doc.Body,
		Heading{Level: 1, Number: "II", Text: "Tồn tại, hạn chế và nguyên nhân"},
		Paragraph{Text: "Một số nhiệm vụ còn chậm so với kế hoạch; việc cập nhật minh chứng trên hệ thống chưa kịp thời."},
		Heading{Level: 1, Number: "III", Text: "Nhiệm vụ trọng tâm quý tiếp theo"},
		Paragraph{Text: "Tiếp tục thực hiện các nhiệm vụ còn lại của Kế hoạch; đôn đốc các phòng, đơn vị hoàn thành đúng hạn."},
	)
	return doc
}

func taskTable(dimension, n int) Table {
	t := Table{
		Header:         []string{"TT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Tiến độ (%)"},
		ColumnWidths:   []float64{0.6, 4.4, 2, 1.4, 1.2},
		NumericColumns: []int{0, 4},
	}
	statuses := []string{"100", "75", "40", "0"}
	for j := range n {
		t.Rows = append(t.Rows, []string{
			fmt.Sprint(j + 1),
			fmt.Sprintf("Nhiệm vụ %d.%d: rà soát, cập nhật và công khai thông tin theo quy định", dimension+1, j+1),
			"Văn phòng Sở",
			fmt.Sprintf("%02d/%02d/2026", 1+j%28, 1+j%3),
			statuses[j%len(statuses)],
		})
	}
	return t
}

// artefactDir is where a test leaves files for a person to look at: the
// directory named by PAPIHUB_ARTEFACTS when it is set, otherwise a temporary
// directory removed after the test.
func artefactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PAPIHUB_ARTEFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
