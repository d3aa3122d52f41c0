package reception

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
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
	for name, text := range map[string]string{"docx": unzipped(t, docx.Bytes()), "xlsx": unzipped(t, xlsx.Bytes())} {
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
