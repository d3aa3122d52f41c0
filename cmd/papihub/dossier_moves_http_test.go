package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/secret"
	"papihub/internal/tthc"
)

// Units of the demo organisation the dossier-move tests use.
const (
	homeAffairsCode = "000.01.00.H33" // Sở Nội vụ
	digitalDivCode  = "000.07.06.H33" // Phòng CNTT và Chuyển đổi số of Sở KH&CN (chuyenvien's unit)
	scienceDeptCode = "000.07.00.H33" // Sở Khoa học và Công nghệ
	homeDossier     = "000.01.00.H33-260803-0001"
)

// withHomeAffairsDossier gives the test server a procedure of the province's
// catalogue and one dossier of the Department of Home Affairs with its
// applicant's personal data, imported by the operator.
func withHomeAffairsDossier(t *testing.T, ts *testServer) *tthc.Store {
	t.Helper()
	ctx := context.Background()
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	s := tthc.NewStore(ts.db, box, nil)
	province, err := s.UnitByCode(ctx, "000.00.00.H33")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateProcedure(ctx, audit.CLI(), tthc.Procedure{UnitID: province.ID, Code: "1.000001", Name: "Thủ tục chung",
		Field: "Nội vụ", Statutory: tthc.ProcessingTime{Amount: 5, Unit: tthc.UnitWorkingDays}, Online: tthc.OnlineFull}); err != nil {
		t.Fatal(err)
	}
	im, err := s.NewImporter(ctx, audit.CLI(), "seed", "")
	if err != nil {
		t.Fatal(err)
	}
	csv := "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo,KenhThucHien,DonViXuLy,ChuHoSo,SoGiayToChuHoSo,SoDienThoaiChuHoSo\n" +
		homeDossier + ",1.000001,20260803090000,20260810170000,4,1," + homeAffairsCode + ",Nguyễn Văn An,033090001234,0912345678\n"
	rep, err := im.ImportFile(ctx, func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(csv)), nil }, "csv", false, nil)
	if err != nil || rep.Imported != 1 {
		t.Fatalf("seed: %+v %v", rep, err)
	}
	return s
}

// bearer calls the API with a token of username.
func bearer(t *testing.T, ts *testServer, username, method, path, body string) (int, string) {
	t.Helper()
	u, err := ts.org.UserByUsername(t.Context(), username)
	if err != nil {
		t.Fatal(err)
	}
	token, err := ts.org.CreateToken(t.Context(), u.Actor(), u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func pushedDossier(unit string) string {
	return `{"MaHoSo":"` + homeDossier + `","MaTTHC":"1.000001","NgayTiepNhan":"20260803090000","NgayHenTra":"20260810170000",` +
		`"TrangThaiHoSo":"9","NgayKetThucXuLy":"20260805090000","KenhThucHien":"1","DonViXuLy":"` + unit + `"}`
}

func TestAnOfficerCannotPullAnotherUnitsDossierIntoTheirDivisionThroughTheAPI(t *testing.T) {
	ts := newTestServer(t)
	s := withHomeAffairsDossier(t, ts)
	for name, body := range map[string]string{
		"a whole dossier naming the officer's division": pushedDossier(digitalDivCode),
		"a status event": `{"MaHoSo":"` + homeDossier + `","TrangThaiHoSo":"9","ThoiDiem":"20260805090000"}`,
	} {
		t.Run(name, func(t *testing.T) {
			status, body := bearer(t, ts, "chuyenvien", "POST", "/api/v1/dossiers/events", body)
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, homeAffairsCode) {
				t.Fatalf("%d %s, want 422 naming the unit holding the dossier", status, body)
			}
			d, err := s.Dossier(t.Context(), homeDossier)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(d.UnitName, "Sở Nội vụ") || d.Status != tthc.StatusInProcess {
				t.Fatalf("dossier now in %q with status %d: the push changed another unit's dossier", d.UnitName, d.Status)
			}
		})
	}
	// The division head may reveal personal data of the division's dossiers:
	// the dossier must still be out of their reach.
	if resp := ts.client(t, "truongphong").postForm(t, "/tthc/dossiers/"+homeDossier+"/reveal", nil); resp.StatusCode == http.StatusOK {
		t.Fatalf("the division head revealed a Home Affairs dossier: %d", resp.StatusCode)
	}
}

func TestAMoveBetweenTwoUnitsTheActorMayWriteIsAuditedWithTheDossier(t *testing.T) {
	ts := newTestServer(t)
	s := withHomeAffairsDossier(t, ts)
	status, body := bearer(t, ts, "admin", "POST", "/api/v1/dossiers/events", pushedDossier(scienceDeptCode))
	if status != http.StatusOK {
		t.Fatalf("province admin moving a dossier: %d %s", status, body)
	}
	d, err := s.Dossier(t.Context(), homeDossier)
	if err != nil {
		t.Fatal(err)
	}
	if d.UnitName != "Sở Khoa học và Công nghệ" {
		t.Fatalf("dossier in %q after the move", d.UnitName)
	}
	entries, _, err := audit.List(t.Context(), ts.db.R, audit.Filter{Entity: "tthc_dossiers", Action: "import", PerPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	var after struct {
		Dossiers []string `json:"dossiers"`
		Moved    []struct{ Code, From, To string }
	}
	if len(entries) == 0 || json.Unmarshal([]byte(entries[0].After), &after) != nil {
		t.Fatalf("no audit entry for the move: %+v", entries)
	}
	if len(after.Dossiers) != 1 || after.Dossiers[0] != homeDossier || len(after.Moved) != 1 ||
		after.Moved[0].From != homeAffairsCode || after.Moved[0].To != scienceDeptCode {
		t.Fatalf("audit entry %s: want the dossier named and its move from %s to %s", entries[0].After, homeAffairsCode, scienceDeptCode)
	}
	// Home Affairs' own administrators browse only their unit's entries:
	// the move is there, under the unit that lost the dossier.
	home, err := ts.org.UnitByCode(t.Context(), homeAffairsCode)
	if err != nil {
		t.Fatal(err)
	}
	moves, _, err := audit.List(t.Context(), ts.db.R, audit.Filter{Action: "move", UnitIDs: []int64{home.ID}, PerPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(moves) != 1 || moves[0].EntityID != homeDossier {
		t.Fatalf("moves under Home Affairs: %+v", moves)
	}
}
