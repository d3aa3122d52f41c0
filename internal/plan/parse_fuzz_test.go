package plan

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes, including zip-shaped ones, to Parse: it
// must return a draft or an error, never panic or loop, and a draft must
// always encode as JSON with lists rather than nulls.
func FuzzParse(f *testing.F) {
	for _, path := range []string{seedFile, "testdata/ke-hoach-danh-so.txt", "testdata/ke-hoach-chi-so.md", "testdata/ke-hoach-bang.md"} {
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
	})
}
