package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/secret"
	"papihub/internal/platform/vn"
	"papihub/internal/reception"
	"papihub/internal/tthc"
	"papihub/internal/tthc/syncfile"
)

// A citizen whose data the demo is loaded with: nothing of theirs may
// appear on a public page or in a public API answer.
type plantedPerson struct {
	name, id, phone, address string
}

var (
	dossierOwner   = plantedPerson{name: "Trịnh Thị Bí Mật", id: "034199012345", phone: "0987654321"}
	complainant    = plantedPerson{name: "Đinh Văn Khiếu Nại", id: "001088009999", phone: "0978111222", address: "Số 9 ngõ Kín Đáo"}
	letterWriter   = plantedPerson{name: "Lê Thị Phản Ánh", phone: "0912345678", address: "Thôn Riêng Tư"}
	petitioner     = plantedPerson{name: "Vũ Văn Kiến Nghị", id: "036077004321", phone: "0966555444", address: "Số 3 phố Giấu Tên"}
	denouncer      = plantedPerson{name: "Hà Thị Tố Giác", id: "031190007777", phone: "0944333222", address: "Xóm Bí Mật"}
	plantedDossier = demoAgencyCode + "-261201-9999"
)

// needles are the forms in which a person's data could leak: as typed,
// without diacritics, phones written the other ways, and the masked forms
// the signed-in pages use.
func (p plantedPerson) needles() []string {
	var out []string
	for _, s := range []string{p.name, p.id, p.address} {
		if s != "" {
			out = append(out, s, vn.Fold(s))
		}
	}
	if p.phone != "" {
		out = append(out, p.phone, "+84"+p.phone[1:], p.phone[:4]+" "+p.phone[4:7]+" "+p.phone[7:], p.phone[:4]+"."+p.phone[4:7]+"."+p.phone[7:])
	}
	return out
}

// plantPersonalData loads the citizens: a dossier synchronised with its
// owner's data, a complaint in the reception logbook, a petition and a
// denunciation whose answers were published, a letter sent from the portal.
func plantPersonalData(t *testing.T, ts *testServer, unit tthc.UnitInfo) []string {
	t.Helper()
	ctx := context.Background()
	box, _ := secret.New(make([]byte, 32))
	s := tthc.NewStore(ts.db, box, nil)
	procs, _, err := s.Procedures(ctx, tthc.ProcedureFilter{Scope: unit.Path, Limit: 1})
	if err != nil || len(procs) == 0 {
		t.Fatalf("procedures: %v", err)
	}
	line := `{"MaHoSo":"` + plantedDossier + `","MaTTHC":"` + procs[0].Code + `","TenTTHC":"` + procs[0].Name + `",` +
		`"ChuHoSo":"` + dossierOwner.name + `","SoGiayToChuHoSo":"` + dossierOwner.id + `","SoDienThoaiChuHoSo":"` + dossierOwner.phone + `",` +
		`"NgayTiepNhan":"20261201083000","NgayHenTra":"20261210170000","TrangThaiHoSo":"4","KenhThucHien":"1","DonViXuLy":"` + demoAgencyCode + `"}`
	rec, err := syncfile.DecodeJSONLine(1, []byte(line))
	if err != nil {
		t.Fatal(err)
	}
	im, err := s.NewImporter(ctx, audit.CLI(), "API", demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := im.Apply(ctx, []tthc.Incoming{tthc.IncomingFromRecord(rec)}); err != nil || res.Imported != 1 {
		t.Fatalf("plant the dossier: %+v %v", res, err)
	}
	rs := receptionStore(deps{db: ts.db, org: ts.org, secret: box}.complete())
	if _, err := rs.CreateEntry(ctx, audit.CLI(), reception.Entry{UnitID: unit.ID, ReceivedOn: time.Now(), Channel: reception.InPerson,
		Kind: reception.Complaint, People: 1, Summary: "Khiếu nại quyết định xử phạt của " + complainant.name, Handling: reception.Pending,
		Person: reception.Person{Name: complainant.name, IDNumber: complainant.id, Phone: complainant.phone, Address: complainant.address}}); err != nil {
		t.Fatalf("plant the complaint: %v", err)
	}
	// A petition and a denunciation answered and published: the answers
	// are on the portal, their writers are not.
	officer, err := ts.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	today := rs.Today()
	for _, c := range []struct {
		kind   reception.Kind
		who    plantedPerson
		answer string
	}{{reception.Petition, petitioner, "Sở đã bổ sung biển chỉ dẫn tại bộ phận một cửa."},
		{reception.Denunciation, denouncer, "Kết luận: nội dung tố cáo đúng một phần; công chức đã bị kiểm điểm."}} {
		id, err := rs.CreateEntry(ctx, audit.CLI(), reception.Entry{UnitID: unit.ID, ReceivedOn: today, Channel: reception.Post, Kind: c.kind, People: 1,
			Summary: "Đơn của " + c.who.name + ", " + c.who.address + ", điện thoại " + c.who.phone, Handling: reception.Accepted, HandledOn: today,
			Person: reception.Person{Name: c.who.name, IDNumber: c.who.id, Phone: c.who.phone, Address: c.who.address}})
		if err != nil {
			t.Fatalf("plant the %s: %v", c.kind, err)
		}
		e, err := rs.Entry(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []reception.Step{{To: reception.StAssigned, HandlerID: officer.ID}, {To: reception.StDrafted},
			{To: reception.StAnswered, Answer: c.answer, Public: true}, {To: reception.StPublished}} {
			st.On = today
			if _, err := rs.Step(ctx, audit.CLI(), e.CaseID, st); err != nil {
				t.Fatalf("%s %s: %v", c.kind, st.To, err)
			}
		}
	}
	c := newFeedbackClient(ts, unit.Code)
	form := letter(c.open(t))
	form.Set("name", letterWriter.name)
	form.Set("phone", letterWriter.phone)
	form.Set("address", letterWriter.address)
	form.Set("dossier", plantedDossier)
	if resp, _ := c.send(t, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("plant the letter: %d", resp.StatusCode)
	}

	var needles []string
	for _, p := range []plantedPerson{dossierOwner, complainant, letterWriter, petitioner, denouncer} {
		needles = append(needles, p.needles()...)
	}
	// Every generated dossier's ID number and phone, and the planted
	// dossier's masked forms. (Generated names are left out: a common
	// name may be an official's, published on purpose.)
	list, _, err := s.Dossiers(ctx, tthc.DossierFilter{Scope: unit.Path})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		p, err := s.Reveal(ctx, audit.CLI(), d)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{p.IDNumber, p.Phone} {
			if len(v) >= 9 {
				needles = append(needles, v)
			}
		}
		if d.Code == plantedDossier {
			needles = append(needles, d.ApplicantMasked, d.IDMasked, d.PhoneMasked)
		}
	}
	return needles
}

var hrefRe = regexp.MustCompile(`(?:href|action)="([^"]+)"`)

// TestNoPublicPageOrAnswerShowsACitizensPersonalData walks every portal
// page a link reaches (both languages, every list page, every procedure),
// the look-ups of the planted dossier and the public API, and fails on
// any trace of a citizen.
func TestNoPublicPageOrAnswerShowsACitizensPersonalData(t *testing.T) {
	ts, unit := newPortalServer(t)
	needles := plantPersonalData(t, ts, unit)

	start := []string{"/cong-khai", "/cong-khai?lang=en",
		"/cong-khai/" + unit.Code + "/tra-cuu?ma=" + plantedDossier,
		"/cong-khai/" + unit.Code + "/tra-cuu?lang=en&ma=" + plantedDossier,
		"/tra-cuu?ma=" + plantedDossier,
		"/api/v1/public/dossiers/" + plantedDossier,
		"/api/v1/public/legal/documents?unit=" + unit.Code,
		"/api/v1/public/legal/expired?unit=" + unit.Code + "&year=" + strconv.Itoa(time.Now().Year()-1),
		"/khao-sat",
		"/api/v1/public/agencies/" + unit.Code + "/answers",
	}
	seen := map[string]bool{}
	queue := append([]string(nil), start...)
	pages := 0
	for len(queue) > 0 && pages < 3000 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		resp, body := portalGet(t, ts, p)
		pages++
		if resp.StatusCode >= 500 {
			t.Errorf("GET %s = %d", p, resp.StatusCode)
		}
		folded := vn.Fold(body)
		for _, n := range needles {
			if n != "" && (strings.Contains(body, n) || strings.Contains(folded, vn.Fold(n))) {
				t.Errorf("GET %s shows %q", p, n)
			}
		}
		for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
			link, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
			if err != nil || link.IsAbs() || !strings.HasPrefix(link.Path, "/cong-khai") || strings.HasPrefix(link.Path, "/cong-khai/static/") {
				continue
			}
			if !seen[link.String()] {
				queue = append(queue, link.String())
			}
		}
	}
	// The planted dossier was found (so its page was checked), and the walk
	// reached the sections it should have.
	if resp, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/tra-cuu?ma="+plantedDossier); resp.StatusCode != http.StatusOK || !strings.Contains(body, "lookup-result") {
		t.Errorf("the planted dossier's look-up = %d", resp.StatusCode)
	}
	for _, want := range []string{"/cong-khai/" + unit.Code + "/thu-tuc", "/cong-khai/" + unit.Code + "/tiep-cong-dan",
		"/cong-khai/" + unit.Code + "/chi-so?lang=en", "/cong-khai/" + unit.Code + "/van-ban/het-hieu-luc",
		"/cong-khai/" + unit.Code + "/khao-sat", "/cong-khai/" + unit.Code + "/tra-loi", "/cong-khai/" + unit.Code + "/atom.xml"} {
		if !seen[want] {
			t.Errorf("the walk never reached %s", want)
		}
	}
	// The planted answers were published, so their pages were checked.
	if _, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/tra-loi"); !strings.Contains(body, "biển chỉ dẫn") || !strings.Contains(body, "công chức đã bị kiểm điểm") {
		t.Error("the planted answers are not on the answers page")
	}
	if pages < 40 {
		t.Errorf("the walk read only %d pages", pages)
	}
	t.Logf("%d pages and answers read, %d needles", pages, len(needles))
}
