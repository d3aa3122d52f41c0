package main

import (
	"context"

	"papihub/internal/audit"
	"papihub/internal/portal"
)

// demoProfile is what the demo department publishes about itself: its
// functions after the 2025 merger, its address and its leaders' official
// phones and e-mails. The numbers and addresses are made up for the demo.
var demoProfile = portal.Profile{
	Functions: "Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về khoa học, công nghệ, đổi mới sáng tạo; bưu chính, viễn thông; công nghệ thông tin, chuyển đổi số.\n" +
		"Từ ngày 01/07/2025 Sở tiếp nhận chức năng, nhiệm vụ của Sở Thông tin và Truyền thông.",
	Address: "Số 8 đường Chùa Chuông, phường Phố Hiến, tỉnh Hưng Yên",
	Phone:   "0221 3 862 100",
	Email:   "skhcn@hungyen.gov.vn",
	Contacts: []portal.Contact{
		{Position: portal.Head, Name: "Nguyễn Văn Hùng", Title: "Giám đốc Sở", Phone: "0221 3 862 101", Email: "hungnv.skhcn@hungyen.gov.vn"},
		{Position: portal.Deputy, Name: "Phạm Minh Tuấn", Title: "Phó Giám đốc Sở", Phone: "0221 3 862 102", Email: "tuanpm.skhcn@hungyen.gov.vn"},
		{Position: portal.Deputy, Name: "Bùi Thị Thu Hà", Title: "Phó Giám đốc Sở", Phone: "0221 3 862 103", Email: "habtt.skhcn@hungyen.gov.vn"},
		{Position: portal.ContactPoint, Name: "Trần Thị Hạnh", Title: "Chánh Văn phòng Sở, người phát ngôn", Phone: "0221 3 862 104", Email: "vanphong.skhcn@hungyen.gov.vn"},
	},
}

// loadPortalDemo publishes the demo department's profile.
func loadPortalDemo(ctx context.Context, d deps) error {
	unit, err := d.org.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		return err
	}
	p := demoProfile
	p.UnitID = unit.ID
	p.Contacts = append([]portal.Contact(nil), demoProfile.Contacts...)
	return portal.NewProfiles(d.db, d.now).SaveProfile(ctx, audit.System, p)
}
