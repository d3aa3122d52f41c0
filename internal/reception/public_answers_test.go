package reception

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// answered takes an accepted entry's case to an answer published or not.
func (f *fixture) answered(e Entry, answer string, public bool, publishOn string) {
	f.t.Helper()
	f.step(e.CaseID, Step{To: StAssigned, On: on("2026-03-03"), HandlerID: f.user("chuyenvien").ID})
	f.step(e.CaseID, Step{To: StDrafted, On: on("2026-03-04")})
	f.step(e.CaseID, Step{To: StAnswered, On: on("2026-03-05"), Answer: answer, Public: public})
	if publishOn != "" {
		f.step(e.CaseID, Step{To: StPublished, On: on(publishOn), Public: true})
	}
}

// accepted is an entry of kind accepted on 02/03/2026 at the unit with the
// code, its citizen named.
func (f *fixture) accepted(kind Kind, unitCode string) Entry {
	f.t.Helper()
	e := complaint()
	e.Kind, e.Handling, e.HandledOn = kind, Accepted, on("2026-03-02")
	if kind == Complaint {
		e.Round = 1
	}
	u, err := f.s.UnitByCode(context.Background(), unitCode)
	if err != nil {
		f.t.Fatal(err)
	}
	saved := f.unit
	f.unit = u
	defer func() { f.unit = saved }()
	return f.add(e)
}

func TestThePortalReadsOnlyPublishedAnswersAndNothingOfTheCitizen(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const division, otherAgency = "000.07.06.H33", "000.01.00.H33"

	reflection := f.accepted(Reflection, demoAgency)
	f.answered(reflection, "Sở đã sửa lỗi nộp hồ sơ trực tuyến.", true, "2026-03-06")
	notYet := f.accepted(Petition, demoAgency)
	f.answered(notYet, "Đang chờ công khai.", true, "")
	private := f.accepted(Complaint, demoAgency)
	f.answered(private, "Giữ nguyên quyết định xử phạt.", false, "")
	denunciation := f.accepted(Denunciation, division)
	f.answered(denunciation, "Kết luận: nội dung tố cáo đúng một phần; đã kiểm điểm công chức.", true, "2026-03-09")
	elsewhere := f.accepted(Petition, otherAgency)
	f.answered(elsewhere, "Trả lời của Sở Nội vụ.", true, "2026-03-07")
	// An answer marked of public interest only when it is published.
	late := f.accepted(Petition, demoAgency)
	f.answered(late, "Sở bổ sung số điện thoại đường dây nóng.", false, "2026-03-08")

	list, more, err := f.s.PublicAnswers(ctx, demoAgency, 1, 20)
	if err != nil || more {
		t.Fatalf("public answers: more %v, %v", more, err)
	}
	var got []string
	for _, a := range list {
		got = append(got, fmt.Sprintf("%s %s %s %s", a.Kind, a.ReceivedOn, a.PublishedOn, a.Unit))
	}
	want := []string{
		"denunciation  2026-03-09 Phòng Công nghệ thông tin và Chuyển đổi số", // the day it arrived is not said
		"petition 2026-03-02 2026-03-08 Sở Khoa học và Công nghệ",
		"reflection 2026-03-02 2026-03-06 Sở Khoa học và Công nghệ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("public answers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if list[2].Answer != "Sở đã sửa lỗi nộp hồ sơ trực tuyến." || list[2].AnsweredOn != "2026-03-05" || list[2].ID != reflection.CaseID {
		t.Fatalf("the reflection's answer: %+v", list[2])
	}
	b, _ := json.Marshal(list)
	for _, secret := range []string{"Nguyễn Văn An", "033095001234", "0912 345 678", "Hiến Nam", "Khiếu nại quyết định", "N. V. A.", reflection.LookupCode, reflection.Number()} {
		if strings.Contains(string(b), secret) {
			t.Errorf("the public answers show %q: %s", secret, b)
		}
	}

	// One page at a time.
	page, more, err := f.s.PublicAnswers(ctx, demoAgency, 2, 2)
	if err != nil || more || len(page) != 1 || page[0].ID != reflection.CaseID {
		t.Fatalf("page 2 of 2: %+v more %v, %v", page, more, err)
	}

	a, err := f.s.PublicAnswerOf(ctx, demoAgency, denunciation.CaseID)
	if err != nil || a.ReceivedOn != "" || a.Kind != Denunciation {
		t.Fatalf("the denunciation's answer: %+v, %v", a, err)
	}
	for name, c := range map[string]struct {
		unit string
		id   int64
	}{"not published yet": {demoAgency, notYet.CaseID}, "not of public interest": {demoAgency, private.CaseID},
		"another agency's": {demoAgency, elsewhere.CaseID}, "a division's from the division above": {division, reflection.CaseID},
		"an unknown case": {demoAgency, 999999}} {
		if _, err := f.s.PublicAnswerOf(ctx, c.unit, c.id); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: %v, want ErrNotFound", name, err)
		}
	}
	if _, _, err := f.s.PublicAnswers(ctx, "KHONG.CO", 1, 20); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown unit: %v", err)
	}
}
