package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// exportText is the readable text of a downloaded file: every part of a
// DOCX or XLSX as one text, a PDF as pdftotext reads it (words joined by
// single spaces, as the layout breaks lines anywhere).
func exportText(t *testing.T, data string) string {
	t.Helper()
	if strings.HasPrefix(data, "%PDF-") {
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = strings.NewReader(data)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	zr, err := zip.NewReader(bytes.NewReader([]byte(data)), int64(len(data)))
	if err != nil {
		t.Fatalf("not a PDF nor an Office file: %v", err)
	}
	var sb strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
	}
	return sb.String()
}
