package reception

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os/exec"
	"strings"
	"testing"

	"papihub/internal/platform/period"
	"papihub/internal/report"
)

// unzipped is every part of an Office file as one text.
func unzipped(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		sb.Write(data)
	}
	return sb.String()
}

func TestTheReportCountsThePeriodAndKeepsTheDenouncerOut(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.importFile("feedback_basic.csv", false)
	f.add(denounced())
	c := complaint()
	c.Handling, c.HandlingTo, c.HandlingLetter = Transferred, "UBND phường Phố Hiến", "25/CV-SKHCN"
	f.add(c)
	span, _ := period.Parse("2026Q1")
	r, err := f.s.Report(ctx, f.unit, span)
	if err != nil {
		t.Fatal(err)
	}
	// Three feedback entries, one denunciation, one transferred complaint.
	if r.Figures.Entries != 5 || r.Figures.Transferred != 1 || r.Figures.Accepted != 4 || r.ByKind[Reflection].OnTime != 1 || r.ByKind[Petition].Late != 1 {
		t.Fatalf("figures %+v by kind %+v", r.Figures, r.ByKind)
	}
	var docx, xlsx bytes.Buffer
	if err := report.WriteDOCX(&docx, r.Document(Issue{Number: "12"})); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteXLSX(&xlsx, r.Sheets()); err != nil {
		t.Fatal(err)
	}
	var form03, form03x bytes.Buffer
	if err := report.WriteDOCX(&form03, r.Form03(Issue{})); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteXLSX(&form03x, []report.Sheet{r.LogbookSheet()}); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{"docx": unzipped(t, docx.Bytes()), "xlsx": unzipped(t, xlsx.Bytes()),
		"form 03 docx": unzipped(t, form03.Bytes()), "form 03 xlsx": unzipped(t, form03x.Bytes())}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil && report.PDFAvailable() {
		pdf, err := report.PDF(ctx, form03.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(pdftotext, "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		texts["form 03 pdf"] = strings.Join(strings.Fields(string(out)), " ")
	} else {
		t.Log("no LibreOffice or pdftotext: the PDF of form 03 is not checked")
	}
	for name, text := range texts {
		// A PDF's text comes out with the table's cells interleaved line by
		// line, so there only the title and the count of rows are looked for.
		wants := []string{"SỔ TIẾP CÔNG DÂN", "5 lượt tiếp"}
		if !strings.HasSuffix(name, "pdf") {
			wants = []string{"SỔ TIẾP CÔNG DÂN", "N. V. A.", "được giữ bí mật", "Tố cáo cán bộ nhận tiền"}
		}
		for _, want := range wants {
			if strings.HasPrefix(name, "form 03") && !strings.Contains(strings.ToUpper(text), strings.ToUpper(want)) {
				t.Errorf("the %s lacks %q:\n%s", name, want, text)
			}
		}

		for _, secretPart := range []string{"Trần Thị Bích", "T. T. B.", "033190004567", "0987654321", "Hoàng Hoa Thám"} {
			if strings.Contains(text, secretPart) {
				t.Errorf("the %s report shows %q", name, secretPart)
			}
		}
	}
	if text := unzipped(t, xlsx.Bytes()); !strings.Contains(text, "N. V. A.") || !strings.Contains(text, "được giữ bí mật") {
		t.Errorf("the logbook sheet lacks the masked complainant or the protected denouncer's mark")
	}
	if text := unzipped(t, docx.Bytes()); !strings.Contains(text, "quý I/2026") {
		t.Errorf("the report does not name its period")
	}
}
