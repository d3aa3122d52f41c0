package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestALeaderSeesTheirOwnComingSessions: on a register with no session,
// the schedule flags each of its three months as lacking the head; the
// desk names the director's account on a session this month, which fills
// the name and title; the director's own page lists it, another leader's
// does not, and the flag of this month goes.
func TestALeaderSeesTheirOwnComingSessions(t *testing.T) {
	ts := newTestServer(t)
	s := receptionStore(deps{db: ts.db, org: ts.org, secret: mustBox(t)}.complete())
	unit, err := s.UnitByCode(context.Background(), demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	head, err := ts.org.UserByUsername(context.Background(), "giamdoc")
	if err != nil {
		t.Fatal(err)
	}
	desk := ts.client(t, "vanphong")
	schedule := "/reception/schedule?unit=" + strconv.FormatInt(unit.ID, 10)
	body := readBody(t, desk.get(t, schedule))
	if n := strings.Count(body, `data-testid="no-head"`); n != 3 {
		t.Fatalf("an empty schedule flags %d months, want 3", n)
	}
	if !strings.Contains(body, `<option value="`+strconv.FormatInt(head.ID, 10)+`"`) {
		t.Fatal("the form does not offer the director's account")
	}

	// A session three days ahead, or today if this month ends sooner.
	today := s.Today()
	on := today.AddDate(0, 0, 3)
	if on.Month() != today.Month() {
		on = today
	}
	resp := desk.postForm(t, schedule, url.Values{"on": {on.Format("02/01/2006")}, "part": {"morning"}, "hours": {"07:30–11:30"},
		"host_id": {strconv.FormatInt(head.ID, 10)}, "head": {"1"}, "place": {"Phòng tiếp công dân, tầng 1"}, "format": {"Trực tiếp"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add the session: %d %s", resp.StatusCode, readBody(t, resp))
	}
	body = readBody(t, desk.get(t, schedule))
	if n := strings.Count(body, `data-testid="no-head"`); n != 2 || !strings.Contains(body, "Nguyễn Văn Hùng, Giám đốc Sở ★") {
		t.Fatalf("after the director's session: %d flags", n)
	}
	resp = desk.postForm(t, schedule, url.Values{"on": {on.Format("02/01/2006")}, "part": {"morning"}, "host_id": {"99999"},
		"host": {"Ai đó"}, "host_title": {"Phó Giám đốc"}, "place": {"Phòng 1"}})
	if b := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "Chọn một lãnh đạo của đơn vị.") {
		t.Fatalf("an unknown account: %d", resp.StatusCode)
	}

	mine := readBody(t, ts.client(t, "giamdoc").get(t, "/reception/schedule/mine"))
	if !strings.Contains(mine, `id="my-sessions"`) || !strings.Contains(mine, on.Format("02/01/2006")) || !strings.Contains(mine, "Phòng tiếp công dân, tầng 1") {
		t.Fatalf("the director's page lacks the session:\n%s", mine)
	}
	other := ts.client(t, "truongphong").get(t, "/reception/schedule/mine")
	if b := readBody(t, other); other.StatusCode != http.StatusOK || !strings.Contains(b, `id="my-sessions-none"`) {
		t.Fatalf("another user's page: %d", other.StatusCode)
	}
}
