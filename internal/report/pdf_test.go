package report

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
)

// pdfText is the text of a PDF as pdftotext reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestAReportPrintsAsPDFWithItsVietnameseText(t *testing.T) {
	if !PDFAvailable() {
		t.Skip("LibreOffice is not installed")
	}
	var docx bytes.Buffer
	if err := WriteDOCX(&docx, quarterlyReport(1)); err != nil {
		t.Fatal(err)
	}
	pdf, err := PDF(context.Background(), docx.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := PDF(ctx, docx.Bytes()); err == nil {
		t.Error("a cancelled request still converted")
	}
}
