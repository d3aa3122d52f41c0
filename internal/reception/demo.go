package reception

import (
	"context"
	"fmt"
	"time"

	"papihub/internal/audit"
)

// LoadDemo gives a unit a small register dated from today backwards: a
// complaint being verified, a denunciation assigned to handlerID, a
// petition answered, published and rated, a reflection waiting, a
// complaint transferred to a commune, an anonymous denunciation kept as
// information; and the head's monthly sessions (the 15th, moved to the
// next working day), on the head's account headID, for three months with
// a deputy's session between.
func (s *Store) LoadDemo(ctx context.Context, unitID, handlerID, headID int64, head, headTitle string) error {
	today := s.Today()
	ago := func(n int) time.Time { return today.AddDate(0, 0, -n) }
	type step struct {
		after int // days after acceptance
		st    Step
	}
	entries := []struct {
		e     Entry
		steps []step
	}{
		{Entry{Kind: Complaint, Channel: InPerson, ReceivedOn: ago(40), Handling: Accepted, HandledOn: ago(35), Round: 1,
			Summary: "Khiếu nại quyết định thu hồi giấy phép hoạt động dịch vụ viễn thông của hộ kinh doanh",
			Person:  Person{Name: "Nguyễn Văn Bình", Address: "Số 8 đường Nguyễn Văn Linh, phường Phố Hiến", IDNumber: "033082001234", Phone: "0912000111"}},
			[]step{{1, Step{To: StAssigned, HandlerID: handlerID}}, {3, Step{To: StVerifying}}}},
		{Entry{Kind: Denunciation, Channel: Post, ReceivedOn: ago(20), Handling: Accepted, HandledOn: ago(15),
			Summary: "Tố cáo công chức gây khó khăn khi tiếp nhận hồ sơ cấp phép",
			Person:  Person{Name: "Lê Thị Hoa", Address: "Thôn Đông, xã Nghĩa Trụ", Phone: "0987000222"}},
			[]step{{1, Step{To: StAssigned, HandlerID: handlerID}}}},
		{Entry{Kind: Petition, Channel: Online, ReceivedOn: ago(30), Handling: Accepted, HandledOn: ago(30), Anonymous: true,
			Summary: "Kiến nghị công khai số điện thoại đường dây nóng của Sở trên cổng thông tin"},
			[]step{{1, Step{To: StAssigned, HandlerID: handlerID}}, {5, Step{To: StDrafted}},
				{6, Step{To: StAnswered, Answer: "Sở đã công khai số đường dây nóng 0221.3xxx.xxx tại trang chủ cổng thông tin.", Public: true}},
				{7, Step{To: StPublished}}}},
		{Entry{Kind: Reflection, Channel: Online, ReceivedOn: ago(12), Handling: Accepted, HandledOn: ago(12),
			Summary: "Phản ánh dịch vụ công trực tuyến cấp phép bưu chính thường xuyên lỗi khi nộp hồ sơ",
			Person:  Person{Name: "Phạm Minh Tuấn", Address: "Phường Thái Bình", Phone: "0903000333"}}, nil},
		{Entry{Kind: Complaint, Channel: InPerson, ReceivedOn: ago(9), Handling: Transferred, HandledOn: ago(7),
			HandlingTo: "UBND phường Phố Hiến", HandlingLetter: "25/CV-SKHCN", Round: 1,
			Summary: "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất thuộc thẩm quyền của phường",
			Person:  Person{Name: "Đỗ Văn Cường", Address: "Phường Phố Hiến", IDNumber: "033075009876"}}, nil},
		{Entry{Kind: Denunciation, Channel: Post, ReceivedOn: ago(5), Handling: Stored, HandledOn: ago(4), Anonymous: true,
			Summary: "Đơn nặc danh phản ánh dấu hiệu vi phạm trong mua sắm thiết bị"}, nil},
	}
	for _, d := range entries {
		d.e.UnitID = unitID
		id, err := s.CreateEntry(ctx, audit.System, d.e)
		if err != nil {
			return fmt.Errorf("reception demo: %w", err)
		}
		e, err := s.Entry(ctx, id)
		if err != nil {
			return err
		}
		for _, st := range d.steps {
			st.st.On = d.e.HandledOn.AddDate(0, 0, st.after)
			if _, err := s.Step(ctx, audit.System, e.CaseID, st.st); err != nil {
				return fmt.Errorf("reception demo step %s: %w", st.st.To, err)
			}
		}
		if d.e.Kind == Petition {
			if err := s.Rate(ctx, audit.System, e.CaseID, Satisfied); err != nil {
				return err
			}
		}
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return err
	}
	first := Day(today.Year(), today.Month(), 1)
	for _, on := range MonthlyOn(15, first, first.AddDate(0, 3, -1), cal) {
		if _, err := s.AddSession(ctx, audit.System, Session{UnitID: unitID, On: on, Part: Morning, Hours: "07:30–11:30", Host: head, HostID: headID,
			HostTitle: headTitle, Head: true, Place: "Phòng tiếp công dân, tầng 1", Format: "Trực tiếp"}); err != nil {
			return err
		}
	}
	_, err = s.AddSession(ctx, audit.System, Session{UnitID: unitID, On: first.AddDate(0, 0, 24), Part: Afternoon, Hours: "13:30–17:00",
		Host: "Trần Thị Hạnh", HostTitle: "Chánh Văn phòng Sở", Place: "Phòng tiếp công dân, tầng 1", Format: "Trực tiếp"})
	return err
}
