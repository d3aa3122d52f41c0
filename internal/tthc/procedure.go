package tthc

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// OnlineLevel is how far a procedure can be done online.
type OnlineLevel string

const (
	OnlineNone    OnlineLevel = "none"    // not offered online
	OnlinePartial OnlineLevel = "partial" // dịch vụ công trực tuyến một phần
	OnlineFull    OnlineLevel = "full"    // dịch vụ công trực tuyến toàn trình
)

// ProcedureStatus is whether a procedure still applies.
type ProcedureStatus string

const (
	InForce   ProcedureStatus = "in_force"  // còn hiệu lực
	Amended   ProcedureStatus = "amended"   // sửa đổi, bổ sung (still applies)
	Abolished ProcedureStatus = "abolished" // bãi bỏ
)

// ContentParts is the set of the seven required parts of a procedure's
// public content (Decree 63/2010/NĐ-CP art. 8, as amended) that are present,
// one bit per part in the order of PartNames.
type ContentParts uint8

// PartNames are the seven required parts, in bit order.
var PartNames = [7]string{
	"Trình tự thực hiện",
	"Cách thức thực hiện",
	"Thành phần, số lượng hồ sơ",
	"Thời hạn giải quyết",
	"Đối tượng thực hiện",
	"Cơ quan thực hiện",
	"Kết quả thực hiện",
}

// AllParts has every part present.
const AllParts ContentParts = 1<<7 - 1

// Has reports whether part i (0–6) is present.
func (c ContentParts) Has(i int) bool { return c&(1<<i) != 0 }

// Full reports whether all seven parts are present.
func (c ContentParts) Full() bool { return c&AllParts == AllParts }

// String writes the set as seven 0/1 digits in part order ("1111111").
func (c ContentParts) String() string {
	var b [7]byte
	for i := range b {
		b[i] = '0' + byte(c>>i&1)
	}
	return string(b[:])
}

// ParseContentParts reads seven 0/1 digits in part order.
func ParseContentParts(s string) (ContentParts, error) {
	s = strings.TrimSpace(s)
	if len(s) != 7 || strings.Trim(s, "01") != "" {
		return 0, fmt.Errorf("cần 7 chữ số 0/1 theo thứ tự các bộ phận, gặp %q", s)
	}
	var c ContentParts
	for i := range 7 {
		if s[i] == '1' {
			c |= 1 << i
		}
	}
	return c, nil
}

// Procedure is one administrative procedure of an agency's catalogue.
type Procedure struct {
	ID                int64
	UnitID            int64
	UnitName          string // filled by listings
	Code              string // national catalogue code, e.g. 1.004227 or 2.000815.H33
	Name              string
	IssuingBody       string // cơ quan ban hành
	CompetentUnit     string // cơ quan thực hiện
	Field             string // lĩnh vực
	Statutory         ProcessingTime
	Fee               int64 // VND; 0 when free
	Online            OnlineLevel
	PaymentIntegrated bool // fees payable through the national portal
	Parts             ContentParts
	DecisionDate      time.Time // publication decision (quyết định công bố); zero if unknown
	PublishedDate     time.Time // made public in the national database; zero if not yet
	Status            ProcedureStatus
}

// Terms is what the index needs to know about the procedure.
func (p Procedure) Terms() ProcedureTerms {
	return ProcedureTerms{Statutory: p.Statutory, OnlineService: p.Online == OnlinePartial || p.Online == OnlineFull, FeeBearing: p.Fee > 0}
}

// Applies reports whether the procedure is still applied (in force or amended).
func (p Procedure) Applies() bool { return p.Status != Abolished }

// procedureCode is the national catalogue's shape: a digit, a dot, six
// digits, and for local procedures a suffix such as .H33. The ministry
// exports also carry 6.xxxxxx codes of procedures moved between ministries.
var procedureCode = regexp.MustCompile(`^[0-9]\.[0-9]{6}(\.[A-Z0-9]{1,10})?$`)

// CheckProcedureCode explains why s is not a national procedure code.
func CheckProcedureCode(s string) error {
	if !procedureCode.MatchString(s) {
		return fmt.Errorf("mã thủ tục %q không đúng dạng của Cơ sở dữ liệu quốc gia (ví dụ 1.004227 hoặc 2.000815.H33)", s)
	}
	return nil
}

// unitCodes are the storage names of processing-time units.
var unitCodes = map[Unit]string{UnitWorkingDays: "working_days", UnitDays: "days", UnitHours: "hours", UnitMonths: "months"}

// UnitCode is the storage name of u.
func UnitCode(u Unit) string { return unitCodes[u] }

// UnitFromCode reads a storage name, and the Vietnamese names ParseUnit reads.
func UnitFromCode(s string) (Unit, error) {
	for u, c := range unitCodes {
		if c == s {
			return u, nil
		}
	}
	return ParseUnit(s)
}

// ParseOnlineLevel reads a level as stored or as people write it.
func ParseOnlineLevel(s string) (OnlineLevel, error) {
	switch f := foldKey(s); f {
	case "none", "", "0", "khong", "chua", "muc 2", "thong tin truc tuyen":
		return OnlineNone, nil
	case "partial", "1", "mot phan", "muc 3", "dvc truc tuyen mot phan":
		return OnlinePartial, nil
	case "full", "2", "toan trinh", "muc 4", "dvc truc tuyen toan trinh":
		return OnlineFull, nil
	}
	return "", fmt.Errorf("mức độ trực tuyến %q không rõ (không, một phần, toàn trình)", s)
}

// ParseProcedureStatus reads a status as stored or as people write it.
func ParseProcedureStatus(s string) (ProcedureStatus, error) {
	switch foldKey(s) {
	case "in_force", "", "con hieu luc", "hieu luc":
		return InForce, nil
	case "amended", "sua doi", "sua doi, bo sung", "sua doi bo sung":
		return Amended, nil
	case "abolished", "bai bo", "het hieu luc":
		return Abolished, nil
	}
	return "", fmt.Errorf("trạng thái %q không rõ (còn hiệu lực, sửa đổi, bãi bỏ)", s)
}
