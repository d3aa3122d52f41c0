package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"papihub/internal/audit"
	"papihub/internal/reception"
)

func TestTheReceptionScheduleIsAnICalendarFeedLinkedFromThePortal(t *testing.T) {
	ts, unit := newPortalServer(t)
	s := receptionStore(deps{db: ts.db, org: ts.org, secret: mustBox(t)}.complete())
	id, err := s.AddSession(context.Background(), audit.CLI(), reception.Session{UnitID: unit.ID, On: s.Today().AddDate(0, 0, 1),
		Part: reception.Afternoon, Hours: "14:00–16:30", Host: "Trần Văn Tiếp", HostTitle: "Phó Giám đốc Sở", Place: "Phòng 201; tầng 2", Format: "Trực tiếp"})
	if err != nil {
		t.Fatal(err)
	}
	feed := "/cong-khai/" + unit.Code + "/tiep-cong-dan/lich.ics"
	if _, page := portalGet(t, ts, "/cong-khai/"+unit.Code+"/tiep-cong-dan"); !strings.Contains(page, `href="`+feed+`"`) {
		t.Fatal("the reception page does not link the feed")
	}
	resp, body := portalGet(t, ts, feed)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("feed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		t.Fatalf("not a calendar: %.60q", body)
	}
	for i, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) || strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d %q: %d octets", i+1, line, len(line))
		}
	}
	unfolded := strings.ReplaceAll(body, "\r\n ", "")
	// Tomorrow 14:00–16:30 in Viet Nam is 07:00–09:30 UTC.
	day := s.Today().AddDate(0, 0, 1).Format("20060102")
	event := "UID:tiep-cong-dan-" + strconv.FormatInt(id, 10) + "@" + unit.Code + ".papihub\r\n"
	for _, want := range []string{event, "DTSTART:" + day + "T070000Z\r\n", "DTEND:" + day + "T093000Z\r\n",
		"SUMMARY:Tiếp công dân: Trần Văn Tiếp\\, Phó Giám đốc Sở\r\n", "LOCATION:Phòng 201\\; tầng 2\r\n"} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("the feed lacks %q", want)
		}
	}
	if n := strings.Count(body, "BEGIN:VEVENT"); n < 2 {
		t.Errorf("%d events, want the demo's coming sessions and the new one", n)
	}
	again, body2 := portalGet(t, ts, feed, "If-None-Match", resp.Header.Get("ETag"))
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("the same feed again: %d, want 304", again.StatusCode)
	}
	if _, body2 = portalGet(t, ts, feed); body2 != body {
		t.Error("the feed read twice differs: UIDs or stamps are not stable")
	}
	if resp, _ := portalGet(t, ts, "/cong-khai/KHONG.CO/tiep-cong-dan/lich.ics"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown agency's feed: %d", resp.StatusCode)
	}
}
