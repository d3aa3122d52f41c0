package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestAnAgencyPublishesItsLeadersContactsOnPurpose: the focal office
// enters the leaders' official contacts on a form of the application, a
// bad phone or e-mail is refused in Vietnamese beside its field, and what
// is saved is on the agency's portal at once (the cached page's tag no
// longer matches); those who do not manage the agency cannot change it.
func TestAnAgencyPublishesItsLeadersContactsOnPurpose(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	if err := loadPortalDemo(ctx, ts.deps.complete()); err != nil {
		t.Fatal(err)
	}
	agency, err := ts.org.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	page := "/cong-khai/" + agency.Code

	resp, body := portalGet(t, ts, page)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("agency page: %d", resp.StatusCode)
	}
	for _, want := range []string{"Nguyễn Văn Hùng", "Giám đốc Sở", `href="tel:&#43;842213862101"`, "hungnv.skhcn@hungyen.gov.vn",
		"Người đứng đầu", "Chức năng, nhiệm vụ", "Phòng Công nghệ thông tin và Chuyển đổi số", "từ 01/07/2025",
		"Đơn vị đã thôi hoạt động", "Thanh tra Sở", "đến 30/06/2025"} {
		if !strings.Contains(body, want) {
			t.Errorf("the agency page lacks %q\n%s", want, body)
		}
	}
	etag := resp.Header.Get("ETag")

	focal := ts.client(t, "vanphong")
	form := "/portal/profile?unit=" + strconv.FormatInt(agency.ID, 10)
	if r := focal.get(t, form); r.StatusCode != http.StatusOK {
		t.Fatalf("the form: %d", r.StatusCode)
	}
	v := url.Values{"functions": {demoProfile.Functions}, "address": {demoProfile.Address}, "phone": {demoProfile.Phone}, "email": {demoProfile.Email}}
	for i, c := range demoProfile.Contacts {
		p := "contact_" + strconv.Itoa(i) + "_"
		v.Set(p+"position", string(c.Position))
		v.Set(p+"name", c.Name)
		v.Set(p+"title", c.Title)
		v.Set(p+"phone", c.Phone)
		v.Set(p+"email", c.Email)
	}
	// A new deputy with a phone one digit short and an e-mail without a domain.
	v.Set("contact_4_position", "deputy")
	v.Set("contact_4_name", "Đặng Quốc Khánh")
	v.Set("contact_4_title", "Phó Giám đốc Sở")
	v.Set("contact_4_phone", "0221 3 862 10")
	v.Set("contact_4_email", "khanh.skhcn")
	r := focal.postForm(t, form, v)
	bad := readBody(t, r)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad, "Số điện thoại không hợp lệ") || !strings.Contains(bad, "Thư điện tử không hợp lệ") {
		t.Fatalf("a bad phone and e-mail: %d\n%s", r.StatusCode, bad)
	}
	if _, body := portalGet(t, ts, page); strings.Contains(body, "Đặng Quốc Khánh") {
		t.Fatal("a refused contact is on the portal")
	}

	v.Set("contact_4_phone", "0221 3 862 105")
	v.Set("contact_4_email", "khanhdq.skhcn@hungyen.gov.vn")
	v.Set("contact_2_remove", "1") // Bùi Thị Thu Hà leaves
	if r := focal.postForm(t, form, v); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.StatusCode, readBody(t, r))
	}
	resp, body = portalGet(t, ts, page, "If-None-Match", etag)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Đặng Quốc Khánh") || !strings.Contains(body, "khanhdq.skhcn@hungyen.gov.vn") ||
		!strings.Contains(body, `href="tel:&#43;842213862105"`) {
		t.Fatalf("after the save the portal answers %d, new deputy shown: %v\n%s", resp.StatusCode, strings.Contains(body, "Đặng Quốc Khánh"), body)
	}
	if strings.Contains(body, "Bùi Thị Thu Hà") {
		t.Error("a removed deputy is still on the portal")
	}
	var audited int
	if err := ts.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'portal_profiles' AND actor = 'vanphong'`).Scan(&audited); err != nil || audited != 1 {
		t.Errorf("audit entries of the save = %d (%v), want 1", audited, err)
	}

	// The viewer reads but manages nothing; the focal office of the
	// department cannot change the province's page; a division has no
	// portal to publish.
	if r := ts.client(t, "xem").postForm(t, form, v); r.StatusCode != http.StatusForbidden {
		t.Errorf("the viewer's save = %d, want 403", r.StatusCode)
	}
	province, err := ts.org.UnitByCode(ctx, "000.00.00.H33")
	if err != nil {
		t.Fatal(err)
	}
	if r := focal.postForm(t, "/portal/profile?unit="+strconv.FormatInt(province.ID, 10), v); r.StatusCode != http.StatusForbidden {
		t.Errorf("the department's focal office saving the province's page = %d, want 403", r.StatusCode)
	}
	office, err := ts.org.UnitByCode(ctx, "000.07.01.H33")
	if err != nil {
		t.Fatal(err)
	}
	if r := focal.get(t, "/portal/profile?unit="+strconv.FormatInt(office.ID, 10)); r.StatusCode != http.StatusNotFound {
		t.Errorf("a division's form = %d, want 404", r.StatusCode)
	}
}
