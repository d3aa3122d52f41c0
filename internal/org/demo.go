package org

import (
	"context"
	"errors"
	"fmt"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
)

// DemoProvinceCode identifies the demo organisation; its presence means the
// demo was loaded already.
const DemoProvinceCode = "000.00.00.H33"

type demoUnit struct {
	key, parent, code string
	kind              Kind
	name, short       string
	from, to          string
	successor         string
}

// The demo organisation: Hưng Yên province after the 2025 reorganisation.
// The Department of Information and Communications merged into Science and
// Technology on 1 July 2025; it is kept as a closed unit with its divisions
// so that its 2023 plan still resolves. Department inspectorates were
// abolished on the same day (Law 84/2025/QH15). Codes follow the shape of
// QCVN 102:2016 ids but are made up for the demo.
var demoUnits = []demoUnit{
	{key: "tinh", code: DemoProvinceCode, kind: KindProvince, name: "UBND tỉnh Hưng Yên", short: "UBND tỉnh", from: "2008-08-01"},
	{key: "snv", parent: "tinh", code: "000.01.00.H33", kind: KindHomeAffairs, name: "Sở Nội vụ", short: "SNV", from: "2008-08-01"},
	{key: "skhcn", parent: "tinh", code: "000.07.00.H33", kind: KindAgency, name: "Sở Khoa học và Công nghệ", short: "SKHCN", from: "2008-08-01"},
	{key: "skhcn-vp", parent: "skhcn", code: "000.07.01.H33", kind: KindDivision, name: "Văn phòng Sở", from: "2008-08-01"},
	{key: "skhcn-tt", parent: "skhcn", code: "000.07.02.H33", kind: KindDivision, name: "Thanh tra Sở", from: "2008-08-01", to: "2025-06-30"},
	{key: "skhcn-khtc", parent: "skhcn", code: "000.07.03.H33", kind: KindDivision, name: "Phòng Kế hoạch - Tài chính", from: "2008-08-01"},
	{key: "skhcn-qlcn", parent: "skhcn", code: "000.07.04.H33", kind: KindDivision, name: "Phòng Quản lý công nghệ và Đổi mới sáng tạo", from: "2008-08-01"},
	{key: "skhcn-bcvt", parent: "skhcn", code: "000.07.05.H33", kind: KindDivision, name: "Phòng Bưu chính, Viễn thông", from: "2025-07-01"},
	{key: "skhcn-cds", parent: "skhcn", code: "000.07.06.H33", kind: KindDivision, name: "Phòng Công nghệ thông tin và Chuyển đổi số", from: "2025-07-01"},
	{key: "skhcn-tt-cntt", parent: "skhcn", code: "000.07.07.H33", kind: KindCenter, name: "Trung tâm Công nghệ thông tin và Truyền thông", from: "2025-07-01"},
	{key: "stttt", parent: "tinh", code: "000.10.00.H33", kind: KindAgency, name: "Sở Thông tin và Truyền thông", short: "STTTT", from: "2008-08-01", to: "2025-06-30", successor: "skhcn"},
	{key: "stttt-vp", parent: "stttt", code: "000.10.01.H33", kind: KindDivision, name: "Văn phòng Sở", from: "2008-08-01", to: "2025-06-30", successor: "skhcn-vp"},
	{key: "stttt-tt", parent: "stttt", code: "000.10.02.H33", kind: KindDivision, name: "Thanh tra Sở", from: "2008-08-01", to: "2025-06-30"},
	{key: "stttt-bcvt", parent: "stttt", code: "000.10.03.H33", kind: KindDivision, name: "Phòng Bưu chính, Viễn thông", from: "2008-08-01", to: "2025-06-30", successor: "skhcn-bcvt"},
	{key: "stttt-cntt", parent: "stttt", code: "000.10.04.H33", kind: KindDivision, name: "Phòng Công nghệ thông tin", from: "2008-08-01", to: "2025-06-30", successor: "skhcn-cds"},
	{key: "stttt-ttbc", parent: "stttt", code: "000.10.05.H33", kind: KindDivision, name: "Phòng Thông tin - Báo chí - Xuất bản", from: "2008-08-01", to: "2025-06-30"},
	{key: "stttt-ttcntt", parent: "stttt", code: "000.10.06.H33", kind: KindCenter, name: "Trung tâm Công nghệ thông tin và Truyền thông", from: "2008-08-01", to: "2025-06-30", successor: "skhcn-tt-cntt"},
	{key: "px-phohien", parent: "tinh", code: "000.00.01.H33.12345", kind: KindCommune, name: "Phường Phố Hiến", from: "2025-07-01"},
	{key: "px-thaibinh", parent: "tinh", code: "000.00.02.H33.12346", kind: KindCommune, name: "Phường Thái Bình", from: "2025-07-01"},
	{key: "xa-nghiatru", parent: "tinh", code: "000.00.03.H33.12347", kind: KindCommune, name: "Xã Nghĩa Trụ", from: "2025-07-01"},
}

type demoUser struct {
	username, name, title, unit string
	roles                       []Role
}

// One user per role. The focal officer belongs to the department itself,
// not to its Office division, because the focal point follows the whole
// department's plan.
var demoUsers = []demoUser{
	{"admin", "Quản trị hệ thống", "Quản trị viên", "tinh", []Role{RoleAdmin}},
	{"giamdoc", "Nguyễn Văn Hùng", "Giám đốc Sở", "skhcn", []Role{RoleLeader}},
	{"vanphong", "Trần Thị Hạnh", "Chánh Văn phòng Sở", "skhcn", []Role{RoleFocal}},
	{"truongphong", "Lê Đức Dũng", "Trưởng phòng CNTT và Chuyển đổi số", "skhcn-cds", []Role{RoleManager}},
	{"chuyenvien", "Phạm Thu Trang", "Chuyên viên", "skhcn-cds", []Role{RoleOfficer}},
	{"noivu", "Đỗ Minh Đức", "Chuyên viên Sở Nội vụ", "snv", []Role{RoleReviewer}},
	{"xem", "Vũ Thị Lan", "Chuyên viên", "skhcn", []Role{RoleViewer}},
}

// DemoUsernames lists the demo accounts, for the README and the serve banner.
func DemoUsernames() []string {
	out := make([]string, len(demoUsers))
	for i, u := range demoUsers {
		out[i] = u.username
	}
	return out
}

// LoadDemo creates the demo organisation and its users, all with password,
// unless it exists already. It reports whether it created anything.
func (s *Store) LoadDemo(ctx context.Context, password string) (bool, error) {
	if _, err := s.UnitByCode(ctx, DemoProvinceCode); err == nil {
		return false, nil
	} else if !errors.Is(err, db.ErrNotFound) {
		return false, err
	}
	ids := map[string]int64{}
	date := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, err := db.ParseDate(s, vn.Location())
		if err != nil {
			panic(err) // the table above is fixed
		}
		return t
	}
	for _, u := range demoUnits {
		// Closed units are created open, then closed, as a real merger would
		// be recorded: users and history could be attached in between.
		id, err := s.CreateUnit(ctx, audit.System, UnitInput{Code: u.code, Kind: u.kind, Name: u.name, ShortName: u.short,
			ParentID: ids[u.parent], ValidFrom: date(u.from)})
		if err != nil {
			return false, fmt.Errorf("demo unit %s: %w", u.key, err)
		}
		ids[u.key] = id
	}
	for _, u := range demoUnits {
		if u.to != "" {
			if err := s.CloseUnit(ctx, audit.System, ids[u.key], date(u.to), ids[u.successor]); err != nil {
				return false, fmt.Errorf("demo close %s: %w", u.key, err)
			}
		}
	}
	for _, u := range demoUsers {
		if _, err := s.CreateUser(ctx, audit.System, UserInput{Username: u.username, FullName: u.name, Title: u.title,
			UnitID: ids[u.unit], Roles: u.roles, Password: password, Active: true}); err != nil {
			return false, fmt.Errorf("demo user %s: %w", u.username, err)
		}
	}
	return true, nil
}
