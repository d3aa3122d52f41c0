package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/period"
	"papihub/internal/reception"
)

// rowCount is the number of rows of table.
func rowCount(t *testing.T, ts *testServer, table string) int {
	t.Helper()
	var n int
	if err := ts.db.R.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAnOversizeFieldIsNamedInVietnameseAndSavesNothing posts, to each
// form of the reception, inspection, province and portal registers, a field
// one character over its bound: the form comes back 422 naming the bound
// in Vietnamese, and no row is written. A megabyte in the same field is
// refused too, never with a 5xx.
func TestAnOversizeFieldIsNamedInVietnameseAndSavesNothing(t *testing.T) {
	ts, s, unit := newReceptionServer(t)
	ctx := context.Background()
	uid := strconv.FormatInt(unit.ID, 10)
	today := s.Today().Format("02/01/2006")
	pending, err := s.CreateEntry(ctx, audit.CLI(), reception.Entry{UnitID: unit.ID, ReceivedOn: s.Today(), Channel: reception.Post,
		Kind: reception.Petition, People: 1, Summary: "Kiến nghị chờ phân loại", Handling: reception.Pending, Person: reception.Person{Name: "Trần Văn Chờ"}})
	if err != nil {
		t.Fatal(err)
	}
	open, _, err := s.Cases(ctx, reception.CaseFilter{Scope: unit.Path, Status: reception.StVerifying})
	if err != nil || len(open) == 0 {
		t.Fatalf("the demo's case being verified: %v %d", err, len(open))
	}
	last, _ := period.Parse(period.Quarter(period.Today(time.Now()).AddDate(0, -3, 0)).Key)
	noivu := ts.client(t, "noivu")
	resp := noivu.postForm(t, "/province/rounds", url.Values{"period": {last.Key}, "deadline": {last.To.Format("2006-01-02")}})
	mustStatus(t, resp, http.StatusSeeOther)
	roundPath := resp.Header.Get("Location")
	letterForm := newFeedbackClient(ts, demoAgencyCode)

	over := func(n int) string { return strings.Repeat("ệ", n+1) }
	for _, tc := range []struct {
		name, who, path, field string
		form                   url.Values
		bound                  int
		message                string
		table                  string
	}{
		{"a logbook entry's summary", "vanphong", "/reception?unit=" + uid, "summary", url.Values{"received_on": {today}, "channel": {"in_person"},
			"kind": {"petition"}, "name": {"Nguyễn Văn Dài"}, "people": {"1"}, "handling": {"pending"}}, 4000, "Quá dài: tối đa 4.000 ký tự.", "reception_entries"},
		{"a logbook entry's name", "vanphong", "/reception?unit=" + uid, "name", url.Values{"received_on": {today}, "channel": {"in_person"},
			"kind": {"petition"}, "summary": {"Kiến nghị về thủ tục"}, "people": {"1"}, "handling": {"pending"}}, 300, "Quá dài: tối đa 300 ký tự.", "reception_entries"},
		{"the desk's transfer of an entry", "vanphong", "/reception/entries/" + strconv.FormatInt(pending, 10) + "/handle", "handling_to",
			url.Values{"handling": {"transferred"}, "handled_on": {today}, "handling_letter": {"12/CV"}}, 300, "Quá dài: tối đa 300 ký tự.", "reception_cases"},
		{"a case's transfer letter", "vanphong", "/reception/cases/" + strconv.FormatInt(open[0].ID, 10) + "/steps", "letter",
			url.Values{"to": {"transferred"}, "on": {today}, "transferred_to": {"UBND phường Phố Hiến"}}, 60, "Quá dài: tối đa 60 ký tự.", "reception_events"},
		{"a reception session's host", "vanphong", "/reception/schedule?unit=" + uid, "host", url.Values{"on": {today}, "part": {"morning"},
			"host_title": {"Giám đốc Sở"}, "place": {"Phòng tiếp"}}, 300, "Quá dài: tối đa 300 ký tự.", "reception_sessions"},
		{"the reception report's number", "giamdoc", "/reception/report?unit=" + uid, "number", url.Values{"format": {"docx"}}, 60,
			"Quá dài: tối đa 60 ký tự.", "issued_reports"},
		{"an inspection conclusion's summary", "vanphong", "/inspection?unit=" + uid, "summary", url.Values{"number": {"88/KL-TTr"},
			"source": {"inspectorate"}, "issuer": {"Thanh tra tỉnh"}, "issued_on": {today}, "r1_kind": {"corrective"}, "r1_content": {"Chấn chỉnh"},
			"r1_deadline": {today}}, 4000, "Quá dài: tối đa 4.000 ký tự.", "inspection_conclusions"},
		{"an inspection check's subject", "vanphong", "/inspection/checks?unit=" + uid, "subject", url.Values{"year": {strconv.Itoa(time.Now().Year())},
			"topic": {"Công vụ"}, "kind": {"periodic"}}, 300, "Quá dài: tối đa 300 ký tự.", "inspection_checks"},
		{"the inspection report's signer", "giamdoc", "/inspection/report?unit=" + uid + "&period=" + strconv.Itoa(time.Now().Year()), "signer_name",
			url.Values{"format": {"docx"}, "number": {"5"}}, 300, "Quá dài: tối đa 300 ký tự.", "issued_reports"},
		{"a reporting round's note", "noivu", "/province/rounds", "note", url.Values{"period": {last.Key}, "deadline": {last.To.Format("2006-01-02")}},
			4000, "Quá dài: tối đa 4.000 ký tự.", "report_rounds"},
		{"a returned report's comment", "noivu", roundPath + "/units/" + uid + "/review", "comment", url.Values{"decision": {"return"}},
			4000, "Quá dài: tối đa 4.000 ký tự.", "round_units WHERE comment <> ''"},
		{"the consolidated report's signer", "noivu", roundPath + "/report", "signer_name", url.Values{"format": {"docx"}, "number": {"3"}},
			300, "Quá dài: tối đa 300 ký tự.", "issued_reports"},
		{"a citizen's letter", "", "/cong-khai/" + demoAgencyCode + "/gop-y", "message", url.Values{"kind": {"petition"}, "name": {"Nguyễn Thị Dân"},
			"phone": {"0912 000 222"}}, 4000, "Quá dài: tối đa 4.000 ký tự.", "reception_entries"},
		{"a citizen's name", "", "/cong-khai/" + demoAgencyCode + "/gop-y", "name", url.Values{"kind": {"petition"}, "phone": {"0912 000 222"},
			"message": {"Đề nghị hướng dẫn thủ tục cấp phép rõ hơn trên cổng."}}, 300, "Quá dài: tối đa 300 ký tự.", "reception_entries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := rowCount(t, ts, tc.table)
			post := func(v string) (*http.Response, string) {
				form := url.Values{}
				for k, vs := range tc.form {
					form[k] = vs
				}
				form.Set(tc.field, v)
				if tc.who == "" { // the portal's form: its cookie and token
					form.Set("form_token", letterForm.open(t))
					return letterForm.send(t, form)
				}
				resp := ts.client(t, tc.who).postForm(t, tc.path, form)
				return resp, readBody(t, resp)
			}
			resp, body := post(over(tc.bound))
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.message) {
				t.Errorf("%d characters: %d, message found %v", tc.bound+1, resp.StatusCode, strings.Contains(body, tc.message))
			}
			if resp, _ := post(strings.Repeat("x", 1<<20)); resp.StatusCode >= 500 || resp.StatusCode < 400 {
				t.Errorf("a megabyte: %d", resp.StatusCode)
			}
			if after := rowCount(t, ts, tc.table); after != before {
				t.Errorf("%s: %d rows, %d before", tc.table, after, before)
			}
		})
	}
}
