package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuarterlyReportOpensInLibreOfficeWithTheDecree30Heading converts the
// DOCX to PDF with LibreOffice, keeps page 1 as a PNG among the artefacts
// and checks that the page carries the national name, the kind, the subject
// and the first section. LibreOffice is required: the test fails without it
// unless PAPIHUB_SKIP_OFFICE=1 says that this machine cannot have it.
func TestQuarterlyReportOpensInLibreOfficeWithTheDecree30Heading(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("PAPIHUB_SKIP_OFFICE") == "1" {
			t.Skip("soffice not installed and PAPIHUB_SKIP_OFFICE=1")
		}
		t.Fatal("soffice (LibreOffice) is not on PATH; install it or set PAPIHUB_SKIP_OFFICE=1")
	}
	for _, tool := range []string{"pdftoppm", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s (poppler-utils) is not on PATH", tool)
		}
	}

	doc := quarterlyReport(25)
	work := t.TempDir()
	docx := filepath.Join(work, "bao-cao-quy-I-2026.docx")
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(docx, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	// A private profile per run, so that parallel runs do not fight over
	// LibreOffice's user installation lock.
	profile := "-env:UserInstallation=file://" + filepath.Join(work, "lo-profile")
	run(t, soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", work, docx)
	pdf := strings.TrimSuffix(docx, ".docx") + ".pdf"

	artefacts := artefactDir(t)
	run(t, "pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, filepath.Join(artefacts, "report-page1"))
	pages := strings.Count(run(t, "pdftotext", pdf, "-"), "\f")
	run(t, "pdftoppm", "-png", "-r", "80", "-f", fmt.Sprint(pages), "-l", fmt.Sprint(pages), "-singlefile", pdf, filepath.Join(artefacts, "report-last-page"))
	copyFile(t, docx, filepath.Join(artefacts, "report.docx"))
	copyFile(t, pdf, filepath.Join(artefacts, "report.pdf"))
	t.Logf("first page: %s", filepath.Join(artefacts, "report-page1.png"))

	page1 := run(t, "pdftotext", "-f", "1", "-l", "1", "-layout", pdf, "-")
	flat := strings.Join(strings.Fields(page1), " ")
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		"Số: 12/BC-SKHCN",
		"Hưng Yên, ngày 05 tháng 3 năm 2026",
		"BÁO CÁO",
		doc.Subject,
		"I. KẾT QUẢ THỰC HIỆN THEO TỪNG CHỈ SỐ NỘI DUNG",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("page 1 does not show %q; it reads:\n%s", want, page1)
		}
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, stderr.String())
	}
	return stdout.String()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
