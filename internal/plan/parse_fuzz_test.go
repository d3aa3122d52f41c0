package plan

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes, including zip-shaped ones, to Parse: it
// must return a draft or an error, never panic or loop, and a draft must
// always encode as JSON with lists rather than nulls.
func FuzzParse(f *testing.F) {
	shapes, err := filepath.Glob("testdata/shapes/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range append([]string{seedFile, "testdata/ke-hoach-danh-so.txt", "testdata/ke-hoach-chi-so.md", "testdata/ke-hoach-bang.md"}, shapes...) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(sampleDOCX(f)))
	f.Add([]byte(docx(f, table([]string{"Nhiệm vụ", "Chủ trì"}, []string{"a"}), `<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>`+para("x")+`</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`)))
	f.Add([]byte("PK\x03\x04\x14\x00\x00\x00"))
	f.Add([]byte("| a | b |\n|---|\n| Nhiệm vụ |\n| Chỉ số 1 Tham gia |"))
	f.Add([]byte("KẾ HOẠCH\n**I.**\n## \n- \n1.\na)\nNơi nhận:\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDraft(t, data)
	})
}

// FuzzParseDOCX feeds arbitrary word/document.xml, packed as a DOCX, to
// Parse: tables with spans and merges, styles, lists and broken markup must
// give a draft or an error, never a panic. Seeds are the DOCX plans of the
// tests.
func FuzzParseDOCX(f *testing.F) {
	f.Add([]byte(documentXML(table([]string{"Nhiệm vụ", "Chủ trì"}, []string{"a", "b"}))))
	for _, doc := range []string{sampleDOCX(f), mergedTableDOCX(f), styledDOCX(f)} {
		zr, err := zip.NewReader(strings.NewReader(doc), int64(len(doc)))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range zr.File {
			if file.Name == "word/document.xml" {
				rc, err := file.Open()
				if err != nil {
					f.Fatal(err)
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					f.Fatal(err)
				}
				f.Add(b)
			}
		}
	}
	f.Add([]byte(documentXML(grid([]cell{mergeOn(), span(64, "Chỉ số 1")}, []cell{mergeOn(), mergeOn()}))))
	f.Fuzz(func(t *testing.T, xml []byte) {
		checkDraft(t, []byte(docxOf(t, string(xml))))
	})
}

// FuzzParseDue: any deadline text gives a schedule that validates.
func FuzzParseDue(f *testing.F) {
	for _, s := range []string{"Quý II/2026", "trước ngày 30/6", "tháng 10 hằng năm", "Thường xuyên", "6 tháng đầu năm",
		"năm 2026 và các năm tiếp theo", "trong tháng 3/2026", "định kỳ hằng quý", "trước 15/12 hằng năm", "31/02", "ngày 5 hằng tháng"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rec, _ := ParseDue(s, 2026)
		if err := rec.Validate(); err != nil {
			t.Fatalf("ParseDue(%q) = %+v: %v", s, rec, err)
		}
	})
}

// checkDraft parses data and checks what every draft promises.
func checkDraft(t *testing.T, data []byte) {
	{
		d, probs, err := Parse(strings.NewReader(string(data)), "fuzz")
		if err != nil {
			return
		}
		b, jerr := json.Marshal(d)
		if jerr != nil {
			t.Fatalf("draft does not encode: %v", jerr)
		}
		if strings.Contains(string(b), "null") {
			t.Fatalf("draft has a null list: %s", b)
		}
		for _, p := range probs {
			if p.Message == "" || p.Severity == "" {
				t.Fatalf("empty problem %+v", p)
			}
		}
		for _, s := range d.Sections {
			for _, task := range s.Tasks {
				if strings.TrimSpace(task.Text) == "" {
					t.Fatalf("a task without text in %+v", s)
				}
			}
		}
	}
}
