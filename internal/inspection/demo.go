package inspection

import (
	"context"
	"fmt"
	"time"

	"papihub/internal/audit"
)

// LoadDemo gives the demo department (unit, with its Office, Planning and
// Finance division and Digital Transformation division among its units) a
// register dated from today, so that the demo always shows a directive
// still in time, an overdue recovery that repeats one of two years ago, and
// recommendations in progress: three conclusions, six recommendations and
// the year's plan of checks.
func (s *Store) LoadDemo(ctx context.Context, unit Unit, office, finance, digital Unit) error {
	today := s.Today()
	ago := func(days int) time.Time { return today.AddDate(0, 0, -days) }
	in := func(days int) time.Time { return today.AddDate(0, 0, days) }
	actor := audit.System
	old := Conclusion{UnitID: unit.ID, Number: "08/KL-TTr", IssuedOn: ago(730), Issuer: "Thanh tra tỉnh Hưng Yên", Source: FromInspectorate,
		Subjects: unit.Name, Summary: "Thanh tra việc quản lý, sử dụng kinh phí sự nghiệp khoa học và công nghệ", DirectiveNumber: "12/CT-" + unit.ShortName,
		DirectiveOn: ago(720), Recommendations: []Recommendation{
			{Kind: Recover, Content: "Thu hồi kinh phí chi sai chế độ nộp ngân sách nhà nước", ResponsibleID: finance.ID, Deadline: ago(640),
				AmountDue: 45_000_000, AmountRecovered: 45_000_000, Progress: Done, DoneOn: ago(650), Result: "Đã nộp đủ vào ngân sách"},
			{Kind: Corrective, Content: "Chấn chỉnh công tác lưu trữ hồ sơ thanh toán", ResponsibleID: office.ID, Deadline: ago(640),
				Progress: Done, DoneOn: ago(660), Result: "Đã ban hành quy chế lưu trữ"},
		}}
	now := Conclusion{UnitID: unit.ID, Number: "125/KL-TTr", IssuedOn: ago(75), ReceivedOn: ago(73), Issuer: "Thanh tra tỉnh Hưng Yên", Source: FromInspectorate,
		Subjects: unit.Name, Summary: "Thanh tra trách nhiệm thực hiện pháp luật về phòng, chống tham nhũng và quản lý tài chính",
		DirectiveNumber: "45/CT-" + unit.ShortName, DirectiveOn: ago(65), Recommendations: []Recommendation{
			{Kind: Recover, Content: "Thu hồi số tiền thanh toán vượt định mức hợp đồng thuê dịch vụ công nghệ thông tin", ResponsibleID: finance.ID,
				Deadline: ago(15), AmountDue: 120_000_000},
			{Kind: Discipline, Content: "Tổ chức kiểm điểm trách nhiệm tập thể, cá nhân để xảy ra sai phạm", ResponsibleID: office.ID, Deadline: in(20),
				People: 2, DisciplineForm: "Khiển trách"},
			{Kind: Corrective, Content: "Rà soát, hoàn thiện quy trình lựa chọn nhà thầu các dự án chuyển đổi số", ResponsibleID: digital.ID, Deadline: in(45)},
		}}
	stateAudit := Conclusion{UnitID: unit.ID, Number: "32/KL-KTNN", IssuedOn: ago(10), ReceivedOn: ago(8), Issuer: "Kiểm toán nhà nước khu vực I",
		Source: FromStateAudit, Subjects: unit.Name, Summary: "Kiểm toán báo cáo quyết toán ngân sách năm trước",
		Recommendations: []Recommendation{
			{Kind: Policy, Content: "Kiến nghị sửa đổi định mức chi nhiệm vụ khoa học và công nghệ cấp tỉnh", ResponsibleID: finance.ID, Deadline: in(80)},
		}}
	ids := map[string]int64{}
	for _, c := range []Conclusion{old, now, stateAudit} {
		id, err := s.CreateConclusion(ctx, actor, c)
		if err != nil {
			return fmt.Errorf("inspection: demo %s: %w", c.Number, err)
		}
		ids[c.Number] = id
	}
	c, err := s.Conclusion(ctx, ids["125/KL-TTr"])
	if err != nil {
		return err
	}
	if _, err := s.AddUpdate(ctx, actor, c.Recommendations[0].ID, Update{On: ago(20), Progress: PartlyDone, AmountRecovered: 50_000_000,
		Note: "Nhà thầu đã nộp lại 50.000.000 đồng, còn lại đang đôn đốc"}, nil); err != nil {
		return err
	}
	if _, err := s.AddUpdate(ctx, actor, c.Recommendations[2].ID, Update{On: ago(5), Progress: InProgress}, nil); err != nil {
		return err
	}
	year := today.Year()
	for _, k := range []Check{
		{Subject: office.Name, Topic: "Kỷ luật, kỷ cương hành chính và văn hóa công sở", Kind: Periodic, PlannedFrom: Day(year, 3, 10), PlannedTo: Day(year, 3, 20)},
		{Subject: finance.Name, Topic: "Quản lý, sử dụng tài chính, tài sản công", Kind: Periodic, PlannedFrom: Day(year, 6, 9), PlannedTo: Day(year, 6, 20)},
		{Subject: digital.Name, Topic: "Giải quyết thủ tục hành chính trên Hệ thống thông tin giải quyết TTHC", Kind: Periodic, PlannedFrom: Day(year, 10, 6), PlannedTo: Day(year, 10, 17)},
	} {
		k.UnitID, k.Year = unit.ID, year
		if !k.PlannedTo.After(today) {
			k.DoneOn, k.DecisionNumber, k.DecisionOn = k.PlannedTo, "QĐ kiểm tra", k.PlannedFrom.AddDate(0, 0, -7)
			k.Team, k.Findings = "Văn phòng Sở chủ trì", "Cơ bản chấp hành; nhắc nhở một số tồn tại"
		}
		if _, err := s.SaveCheck(ctx, actor, k); err != nil {
			return fmt.Errorf("inspection: demo check: %w", err)
		}
	}
	return nil
}
