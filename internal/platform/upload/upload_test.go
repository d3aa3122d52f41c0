package upload

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"
)

// ooxml is a zip with the parts named.
func ooxml(t *testing.T, parts ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if _, err := zw.Create(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAFileIsKnownByItsContentNotItsName(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
		err  error
	}{
		{"a PDF", []byte("%PDF-1.7\n1 0 obj"), TypePDF, nil},
		{"a Word document", ooxml(t, "[Content_Types].xml", "word/document.xml"), TypeDOCX, nil},
		{"a workbook", ooxml(t, "[Content_Types].xml", "xl/workbook.xml"), TypeXLSX, nil},
		{"a plain zip", ooxml(t, "a.txt"), "", ErrType},
		{"an HTML page", []byte("<!DOCTYPE html><html>"), "", ErrType},
		{"nothing", nil, "", ErrEmpty},
		{"too large", append([]byte("%PDF-1.4\n"), make([]byte, MaxSize)...), "", ErrSize},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Check(tc.data)
			if got != tc.want || !errors.Is(err, tc.err) {
				t.Errorf("Check = %q, %v; want %q, %v", got, err, tc.want, tc.err)
			}
		})
	}
	if Ext(TypeDOCX) != ".docx" {
		t.Error("Ext(DOCX)")
	}
}
