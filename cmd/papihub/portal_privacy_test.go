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
// owner's data, a complaint and a denunciation in the reception logbook,
// both answered and published, a letter sent from the portal. It returns
// the needles and the pages of the letters' look-up codes (the letter's
// receipt and look-up, the complaint's and the denunciation's look-ups
// once answered, by page and API), the public figures and the schedule's
// iCalendar feed.
func plantPersonalData(t *testing.T, ts *testServer, unit tthc.UnitInfo) ([]string, []string) {
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
	today := rs.Today()
	id, err := rs.CreateEntry(ctx, audit.CLI(), reception.Entry{UnitID: unit.ID, ReceivedOn: today, Channel: reception.InPerson,
		Kind: reception.Complaint, People: 1, Summary: "Khiếu nại quyết định xử phạt của " + complainant.name, Handling: reception.Accepted, HandledOn: today,
		Person: reception.Person{Name: complainant.name, IDNumber: complainant.id, Phone: complainant.phone, Address: complainant.address}})
	if err != nil {
		t.Fatalf("plant the complaint: %v", err)
	}
	complaint, err := rs.Entry(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	officer, err := ts.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []reception.Step{{To: reception.StAssigned, HandlerID: officer.ID}, {To: reception.StDrafted},
		{To: reception.StAnswered, Answer: "Giữ nguyên quyết định xử phạt.", Public: true}, {To: reception.StPublished}} {
		st.On = today
		if _, err := rs.Step(ctx, audit.CLI(), complaint.CaseID, st); err != nil {
			t.Fatalf("answer the complaint: %v", err)
		}
	}
	// A denunciation answered and its conclusion published: the answer is
	// on the portal, the denouncer is not, nor the day the letter came.
	id, err = rs.CreateEntry(ctx, audit.CLI(), reception.Entry{UnitID: unit.ID, ReceivedOn: today, Channel: reception.Post, Kind: reception.Denunciation,
		People: 1, Summary: "Đơn của " + denouncer.name + ", " + denouncer.address + ", điện thoại " + denouncer.phone, Handling: reception.Accepted,
		HandledOn: today, Person: reception.Person{Name: denouncer.name, IDNumber: denouncer.id, Phone: denouncer.phone, Address: denouncer.address}})
	if err != nil {
		t.Fatalf("plant the denunciation: %v", err)
	}
	denunciation, err := rs.Entry(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []reception.Step{{To: reception.StAssigned, HandlerID: officer.ID}, {To: reception.StDrafted},
		{To: reception.StAnswered, Answer: "Kết luận: nội dung tố cáo đúng một phần; công chức đã bị kiểm điểm.", Public: true}, {To: reception.StPublished}} {
		st.On = today
		if _, err := rs.Step(ctx, audit.CLI(), denunciation.CaseID, st); err != nil {
			t.Fatalf("answer the denunciation: %v", err)
		}
	}
	c := newFeedbackClient(ts, unit.Code)
	form := letter(c.open(t))
	form.Set("name", letterWriter.name)
	form.Set("phone", letterWriter.phone)
	form.Set("address", letterWriter.address)
	form.Set("dossier", plantedDossier)
	resp, _ := c.send(t, form)
	receipt := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(receipt, "?so=") {
		t.Fatalf("plant the letter: %d", resp.StatusCode)
	}
	code := receipt[strings.Index(receipt, "?so=")+4:]
	base := "/cong-khai/" + unit.Code + "/gop-y/tra-cuu?ma="
	pages := []string{receipt, base + code, base + complaint.LookupCode, base + complaint.LookupCode + "&lang=en",
		"/api/v1/public/reception/lookup?code=" + complaint.LookupCode, base + denunciation.LookupCode,
		"/api/v1/public/reception/lookup?code=" + denunciation.LookupCode, "/api/v1/public/reception/figures?unit=" + unit.Code,
		"/cong-khai/" + unit.Code + "/tiep-cong-dan/lich.ics"}

	var needles []string
	for _, p := range []plantedPerson{dossierOwner, complainant, letterWriter, denouncer} {
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
	return needles, pages
}

var hrefRe = regexp.MustCompile(`(?:href|action)="([^"]+)"`)

// phoneRe and emailRe find what looks like a phone number or an e-mail
// address anywhere on a page, however it is written.
var (
	phoneRe = regexp.MustCompile(`(?:\+84|\b0)(?:[ .\-]?\d){8,10}\b`)
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+`)
)

// phoneKey is a phone's digits with +84 read as 0.
func phoneKey(s string) string {
	s = strings.Replace(s, "+84", "0", 1)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// publishedContacts is the allow-list: the phones and e-mails the agencies
// entered to publish (their own and their officials'), read from the
// database, not from the pages.
func publishedContacts(t *testing.T, ts *testServer) (phones, emails map[string]bool) {
	t.Helper()
	phones, emails = map[string]bool{}, map[string]bool{}
	for _, q := range []string{"SELECT phone, email FROM portal_contacts", "SELECT phone, email FROM portal_profiles"} {
		rows, err := ts.db.R.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var phone, email string
			if err := rows.Scan(&phone, &email); err != nil {
				t.Fatal(err)
			}
			if phone != "" {
				phones[phoneKey(phone)] = true
			}
			if email != "" {
				emails[strings.ToLower(email)] = true
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return phones, emails
}

// phonesIn finds the phone-like numbers of a page that stand on their own,
// not inside a longer dotted or dashed code (a dossier's
// "000.05.13-261008-0001").
func phonesIn(body string) []string {
	var out []string
	alnum := func(b byte) bool { return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' }
	sep := func(b byte) bool { return b == '.' || b == '-' || b == '/' }
	for _, ix := range phoneRe.FindAllStringIndex(body, -1) {
		i, j := ix[0], ix[1]
		before := i > 0 && (alnum(body[i-1]) || (sep(body[i-1]) && i > 1 && alnum(body[i-2])))
		after := j < len(body) && (alnum(body[j]) || (sep(body[j]) && j+1 < len(body) && alnum(body[j+1])))
		if before || after {
			continue
		}
		out = append(out, body[ix[0]:ix[1]])
	}
	return out
}

// unpublishedContacts lists the phones and e-mails on a page that no
// agency published.
func unpublishedContacts(body string, phones, emails map[string]bool) []string {
	body = strings.NewReplacer("&#43;", "+", "&#64;", "@").Replace(body)
	var out []string
	for _, m := range phonesIn(body) {
		if !phones[phoneKey(m)] {
			out = append(out, m)
		}
	}
	for _, m := range emailRe.FindAllString(body, -1) {
		// A calendar event's UID (RFC 5545) is written like an address
		// under papihub's own name; it names a session, not a person.
		if strings.HasSuffix(m, ".papihub") {
			continue
		}
		if !emails[strings.ToLower(m)] {
			out = append(out, m)
		}
	}
	return out
}

// TestNoPublicPageOrAnswerShowsACitizensPersonalData walks every portal
// page a link reaches (both languages, every list page, every procedure),
// the look-ups of the planted dossier and the public API, and fails on
// any trace of a citizen.
func TestNoPublicPageOrAnswerShowsACitizensPersonalData(t *testing.T) {
	ts, unit := newPortalServer(t)
	needles, letters := plantPersonalData(t, ts, unit)
	phones, emails := publishedContacts(t, ts)
	if len(phones) < 4 || len(emails) < 4 {
		t.Fatalf("the demo publishes %d phones and %d e-mails: the allow-list checks nothing", len(phones), len(emails))
	}
	shown := map[string]bool{}

	start := []string{"/cong-khai", "/cong-khai?lang=en",
		"/cong-khai/" + unit.Code + "/tra-cuu?ma=" + plantedDossier,
		"/cong-khai/" + unit.Code + "/tra-cuu?lang=en&ma=" + plantedDossier,
		"/tra-cuu?ma=" + plantedDossier,
		"/api/v1/public/dossiers/" + plantedDossier,
		"/api/v1/public/legal/documents?unit=" + unit.Code,
		"/api/v1/public/legal/expired?unit=" + unit.Code + "&year=" + strconv.Itoa(time.Now().Year()-1),
		"/khao-sat",
		"/api/v1/public/agencies", "/api/v1/public/agencies/" + unit.Code, "/api/v1/public/agencies/" + unit.Code + "/answers",
		"/api/v1/public/agencies/" + unit.Code + "/surveys", "/api/v1/public/agencies/" + unit.Code + "/reports",
		"/api/v1/public/agencies/" + unit.Code + "/procedures", "/api/v1/public/agencies/" + unit.Code + "/index",
		"/api/v1/public/agencies/" + unit.Code + "/legal/documents", "/api/v1/public/agencies/" + unit.Code + "/legal/expired",
		"/api/v1/public/agencies/" + unit.Code + "/plans",
	}
	start = append(start, letters...)
	// Every survey's results and every case's answer through the API: the
	// ones not published must be a 404, the others hold no one.
	for _, q := range []struct{ sql, path string }{{`SELECT id FROM survey_forms`, "/surveys/"}, {`SELECT id FROM reception_cases`, "/answers/"}, {`SELECT id FROM plans`, "/plans/"}} {
		rows, err := ts.db.R.QueryContext(context.Background(), q.sql)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			start = append(start, "/api/v1/public/agencies/"+unit.Code+q.path+itoa(id))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
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
		// Only what an agency published on purpose may look like a
		// phone or an e-mail.
		for _, c := range unpublishedContacts(body, phones, emails) {
			t.Errorf("GET %s shows %q, which no agency published", p, c)
		}
		for _, m := range phonesIn(body) {
			shown[phoneKey(m)] = true
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
	if resp, body := portalGet(t, ts, letters[2]); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Giữ nguyên quyết định xử phạt.") {
		t.Errorf("the planted complaint's look-up = %d", resp.StatusCode)
	}
	if resp, body := portalGet(t, ts, letters[5]); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Tố cáo") || !strings.Contains(body, "công chức đã bị kiểm điểm") {
		t.Errorf("the planted denunciation's look-up by its code = %d", resp.StatusCode)
	}
	for _, want := range []string{"/cong-khai/" + unit.Code + "/thu-tuc", "/cong-khai/" + unit.Code + "/tiep-cong-dan",
		"/cong-khai/" + unit.Code + "/chi-so?lang=en", "/cong-khai/" + unit.Code + "/van-ban/het-hieu-luc", "/cong-khai/" + unit.Code + "/ke-hoach",
		"/cong-khai/" + unit.Code + "/khao-sat", "/cong-khai/" + unit.Code + "/tra-loi", "/cong-khai/" + unit.Code + "/atom.xml"} {
		if !seen[want] {
			t.Errorf("the walk never reached %s", want)
		}
	}
	reports := 0
	for p := range seen {
		if strings.Contains(p, "/ke-hoach/") && strings.Contains(p, "/bao-cao/") {
			reports++
		}
	}
	if reports == 0 {
		t.Error("the walk never reached an issued report's page")
	}
	// The published contacts were seen (so the allow-list was used) and a
	// citizen's phone written like an official's would have been caught.
	if !shown[phoneKey(demoProfile.Contacts[0].Phone)] {
		t.Errorf("the walk never saw the head's published phone %s", demoProfile.Contacts[0].Phone)
	}
	if got := unpublishedContacts("<p>Gọi "+dossierOwner.phone+". · "+letterWriter.phone[:4]+" "+letterWriter.phone[4:7]+" "+letterWriter.phone[7:]+
		" · dan.nguyen@gmail.com</p>", phones, emails); len(got) != 3 {
		t.Errorf("the allow-list lets a citizen's contacts through: caught only %q", got)
	}
	// The planted answers were published, so their pages were checked.
	if _, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/tra-loi"); !strings.Contains(body, "Giữ nguyên quyết định xử phạt") || !strings.Contains(body, "công chức đã bị kiểm điểm") {
		t.Error("the planted answers are not on the answers page")
	}
	if pages < 40 {
		t.Errorf("the walk read only %d pages", pages)
	}
	t.Logf("%d pages and answers read, %d needles", pages, len(needles))
}
