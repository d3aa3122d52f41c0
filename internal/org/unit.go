package org

import (
	"regexp"
	"strings"
	"time"

	"papihub/internal/platform/web"
)

// Kind is the type of an organisation unit.
type Kind string

const (
	KindProvince    Kind = "province"     // UBND tỉnh
	KindAgency      Kind = "agency"       // Sở, ban, ngành
	KindHomeAffairs Kind = "home_affairs" // Sở Nội vụ: receives every agency's reports
	KindCommune     Kind = "commune"      // UBND xã, phường, đặc khu
	KindDivision    Kind = "division"     // phòng, văn phòng, thanh tra
	KindCenter      Kind = "center"       // trung tâm, đơn vị sự nghiệp
)

// AllKinds in the order forms list them.
var AllKinds = []Kind{KindProvince, KindAgency, KindHomeAffairs, KindCommune, KindDivision, KindCenter}

// Unit is a node of the organisation tree.
type Unit struct {
	ID          int64
	Code        string // electronic agency id (QCVN 102:2016), e.g. 000.00.33.H33
	Kind        Kind
	Name        string
	ShortName   string
	ParentID    int64 // 0 for a root
	Path        string
	Level       int
	ValidFrom   time.Time
	ValidTo     time.Time // zero: still open
	SuccessorID int64
	ParentName  string // filled by listings
}

// OpenOn reports whether the unit exists on day (validity dates inclusive).
func (u Unit) OpenOn(day time.Time) bool {
	d := day.Format("2006-01-02")
	if u.ValidFrom.Format("2006-01-02") > d {
		return false
	}
	return u.ValidTo.IsZero() || u.ValidTo.Format("2006-01-02") >= d
}

// UnitInput is what a form or the API sends to create or change a unit.
type UnitInput struct {
	Code      string
	Kind      Kind
	Name      string
	ShortName string
	ParentID  int64
	ValidFrom time.Time
	ValidTo   time.Time
}

// unitCodeRe accepts electronic agency ids such as 000.00.33.H33 or
// H33.32.01: groups of letters and digits separated by dots.
var unitCodeRe = regexp.MustCompile(`^[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10}){0,6}$`)

// Normalize trims the text fields.
func (in *UnitInput) Normalize() {
	in.Code = strings.TrimSpace(in.Code)
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.ShortName = strings.Join(strings.Fields(in.ShortName), " ")
}

// Validate checks what can be checked without the database.
func (in UnitInput) Validate() web.FieldErrors {
	errs := web.FieldErrors{}
	switch {
	case in.Code == "":
		errs.Add("code", "org.unit.code.required")
	case !unitCodeRe.MatchString(in.Code):
		errs.Add("code", "org.unit.code.format")
	}
	if in.Name == "" {
		errs.Add("name", "org.unit.name.required")
	} else if len([]rune(in.Name)) > 200 {
		errs.Add("name", "org.unit.name.long")
	}
	valid := false
	for _, k := range AllKinds {
		valid = valid || in.Kind == k
	}
	if !valid {
		errs.Add("kind", "org.unit.kind.invalid")
	}
	if in.Kind == KindProvince && in.ParentID != 0 {
		errs.Add("parent_id", "org.unit.province.root")
	}
	if in.Kind != KindProvince && in.ParentID == 0 {
		errs.Add("parent_id", "org.unit.parent.required")
	}
	if in.ValidFrom.IsZero() {
		errs.Add("valid_from", "org.unit.valid_from.required")
	}
	if !in.ValidTo.IsZero() && in.ValidTo.Before(in.ValidFrom) {
		errs.Add("valid_to", "org.unit.valid_to.before")
	}
	errs.Line("short_name", in.ShortName)
	return errs
}
