package syncfile

import (
	"fmt"
	"sort"
	"time"
)

// Status is a dossier status code of the national sync (Circular 04/2025/TT-VPCP,
// field TrangThaiHoSo).
type Status int

const (
	StatusSubmittedOnline     Status = 1  // nộp trực tuyến
	StatusReceived            Status = 2  // đã tiếp nhận
	StatusRefused             Status = 3  // từ chối tiếp nhận
	StatusInProcess           Status = 4  // đang xử lý
	StatusSupplementRequested Status = 5  // yêu cầu bổ sung
	StatusFinancialObligation Status = 6  // yêu cầu thực hiện nghĩa vụ tài chính
	StatusWithdrawn           Status = 7  // công dân rút hồ sơ
	StatusStopped             Status = 8  // dừng xử lý
	StatusResolved            Status = 9  // đã giải quyết xong
	StatusReturned            Status = 10 // đã trả kết quả
)

var statusNames = [...]string{
	StatusSubmittedOnline:     "Mới nộp trực tuyến",
	StatusReceived:            "Đã tiếp nhận",
	StatusRefused:             "Từ chối tiếp nhận",
	StatusInProcess:           "Đang xử lý",
	StatusSupplementRequested: "Yêu cầu bổ sung hồ sơ",
	StatusFinancialObligation: "Yêu cầu thực hiện nghĩa vụ tài chính",
	StatusWithdrawn:           "Công dân yêu cầu rút hồ sơ",
	StatusStopped:             "Dừng xử lý",
	StatusResolved:            "Đã giải quyết xong",
	StatusReturned:            "Đã trả kết quả",
}

// Valid reports whether s is one of the national codes 1–10.
func (s Status) Valid() bool { return s >= StatusSubmittedOnline && s <= StatusReturned }

// String returns the Vietnamese name of the status.
func (s Status) String() string {
	if !s.Valid() {
		return fmt.Sprintf("Trạng thái không xác định (%d)", int(s))
	}
	return statusNames[s]
}

// Terminal reports whether the status ends processing: domain.md §3 stops the
// clock at resolved, returned, stopped or refused, and at a withdrawal.
func (s Status) Terminal() bool {
	switch s {
	case StatusRefused, StatusWithdrawn, StatusStopped, StatusResolved, StatusReturned:
		return true
	}
	return false
}

// terminalRank orders terminal statuses by the priority the national guidance
// gives when several are recorded: resolved (9) > returned (10) >
// stopped (8) = refused (3) > withdrawn (7). Lower is stronger; 0 = not terminal.
func terminalRank(s Status) int {
	switch s {
	case StatusResolved:
		return 1
	case StatusReturned:
		return 2
	case StatusStopped, StatusRefused:
		return 3
	case StatusWithdrawn:
		return 4
	}
	return 0
}

// Channel is how the dossier was submitted (KenhThucHien).
type Channel int

const (
	ChannelInPerson Channel = 1 // trực tiếp
	ChannelOnline   Channel = 2 // trực tuyến
	ChannelPostal   Channel = 3 // qua dịch vụ bưu chính công ích
)

// Valid reports whether c is one of the three channels.
func (c Channel) Valid() bool { return c >= ChannelInPerson && c <= ChannelPostal }

// String returns the Vietnamese name of the channel.
func (c Channel) String() string {
	switch c {
	case ChannelInPerson:
		return "Trực tiếp"
	case ChannelOnline:
		return "Trực tuyến"
	case ChannelPostal:
		return "Bưu chính công ích"
	}
	return fmt.Sprintf("Kênh không xác định (%d)", int(c))
}

// PaymentChannel says where a fee was paid online (DuocThanhToanTrucTuyen).
type PaymentChannel int

const (
	PaymentNotOnline      PaymentChannel = 0
	PaymentNationalPortal PaymentChannel = 1 // trên Cổng Dịch vụ công quốc gia
	PaymentProvincial     PaymentChannel = 2 // qua cổng thanh toán của tỉnh
)

// Event is one status change of a dossier.
type Event struct {
	Status Status
	At     time.Time
}

// Supplement is one request for more documents (DanhSachHoSoBoSung). A zero
// CompletedAt means the citizen has not returned them; a zero OldDue or NewDue
// means the request did not record that appointment date.
type Supplement struct {
	RequestedAt time.Time // NgayBoSung
	CompletedAt time.Time // NgayTiepNhanBoSung
	OldDue      time.Time // NgayHenTraTruoc
	NewDue      time.Time // NgayHenTraMoi
}

// Rating is the citizen's verdict on how the dossier was handled.
type Rating int

const (
	RatingNone    Rating = 0
	RatingLike    Rating = 1
	RatingDislike Rating = 2
)

// Feedback is what the citizen said about the dossier.
type Feedback struct {
	Rating    Rating
	Complaint bool // a complaint (phản ánh, kiến nghị) about this dossier
}

// Digitisation records the flags the digitisation indicators count.
type Digitisation struct {
	ComponentsDigitised bool // TaiLieuNop[].DuocSoHoa: components digitised at reception
	ReusedData          bool // TaiLieuNop[].DuocLayTuKhoDMQG: data reused from the store
	ElectronicResult    bool // DanhSachGiayToKetQua[].DuongDanTepTinKetQua present
	CertifiedCopy       bool // an electronic certified copy was issued
	PersonalStorage     bool // result pushed to the citizen's store on the national portal
	PopulationData      bool // the national population database was used
}

// Dossier is one application for an administrative procedure. Zero times are
// absent values (an open dossier has no end, many have no appointment).
type Dossier struct {
	Code          string
	ProcedureCode string // MaTTHC
	UnitID        string // DonViXuLy
	Channel       Channel
	SubmittedAt   time.Time // when the citizen submitted (online: status 1)
	ReceivedAt    time.Time // NgayTiepNhan
	AppointmentAt time.Time // NgayHenTra; zero when the procedure has none
	ReturnedAt    time.Time // NgayTra
	Events        []Event   // the status history, in any order
	Supplements   []Supplement
	Fee           int64 // VND due for the dossier (sum of DanhSachLePhi[].Gia)
	PaidOnline    PaymentChannel
	Digitisation  Digitisation
	Synced        bool // synchronised to the national portal
	Feedback      Feedback
}

// Start returns the instant the statutory clock starts: the reception, or the
// online submission when the dossier was not yet received.
func (d *Dossier) Start() time.Time {
	if !d.ReceivedAt.IsZero() {
		return d.ReceivedAt
	}
	return d.SubmittedAt
}

// EndOfProcessing returns when the statutory clock stopped and at which
// status. Domain.md §3: the clock stops at the first terminal status, with
// priority resolved (9) > result returned (10) > stopped (8) / refused (3);
// a withdrawal (7) also ends it. We read "priority" as choosing the status
// when several terminal statuses are recorded (out-of-order pushes, a 10
// without its 9) and "first" as the earliest event of that status. ok is
// false while the dossier is open.
func EndOfProcessing(d Dossier) (end time.Time, terminal Status, ok bool) {
	return EndBefore(d, FarFuture)
}

// FarFuture is "never": the limit of a judgement made at the end of time.
var FarFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// EndBefore is EndOfProcessing as it was known at limit: for a judgement made
// at the end of a period, later events have not happened yet.
func EndBefore(d Dossier, limit time.Time) (end time.Time, terminal Status, ok bool) {
	best := 0
	for _, e := range d.Events {
		r := terminalRank(e.Status)
		if r == 0 || e.At.After(limit) {
			continue
		}
		if best == 0 || r < best || (r == best && e.At.Before(end)) {
			best, end, terminal = r, e.At, e.Status
		}
	}
	return end, terminal, best != 0
}

// transitions lists the status changes a dossier can make (Circular
// 03/2025 one-stop-shop flow): 0 is "no status yet". A result is returned
// only once resolved; a terminal status other than 9 admits nothing after it.
var transitions = map[Status][]Status{
	0:                         {StatusSubmittedOnline, StatusReceived, StatusRefused},
	StatusSubmittedOnline:     {StatusReceived, StatusRefused, StatusWithdrawn},
	StatusReceived:            {StatusInProcess, StatusSupplementRequested, StatusFinancialObligation, StatusWithdrawn, StatusStopped, StatusResolved},
	StatusInProcess:           {StatusSupplementRequested, StatusFinancialObligation, StatusWithdrawn, StatusStopped, StatusResolved},
	StatusSupplementRequested: {StatusInProcess, StatusWithdrawn, StatusStopped},
	StatusFinancialObligation: {StatusInProcess, StatusWithdrawn, StatusStopped, StatusResolved},
	StatusResolved:            {StatusReturned},
}

// CanTransition reports whether a dossier at status from may move to status
// to. from = 0 asks which status can open a history.
func CanTransition(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// TransitionError names the first impossible step of a history.
type TransitionError struct {
	Index    int
	From, To Status
}

func (e *TransitionError) Error() string {
	if e.From == 0 {
		return fmt.Sprintf("sự kiện %d: hồ sơ không thể bắt đầu bằng trạng thái %d (%s)", e.Index+1, int(e.To), e.To)
	}
	return fmt.Sprintf("sự kiện %d: không thể chuyển từ trạng thái %d (%s) sang %d (%s)", e.Index+1, int(e.From), e.From, int(e.To), e.To)
}

// CheckHistory orders events by time (stable for equal times, so pushes in
// the right order at the same second keep their order) and checks every step
// with CanTransition. It returns the ordered events.
func CheckHistory(events []Event) ([]Event, error) {
	sorted := append([]Event(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	var from Status
	for i, e := range sorted {
		if !e.Status.Valid() || !CanTransition(from, e.Status) {
			return sorted, &TransitionError{Index: i, From: from, To: e.Status}
		}
		from = e.Status
	}
	return sorted, nil
}

// AsOf cuts a generated dossier down to what is known at t: events,
// supplement answers and the return after t are dropped. It reports false
// when the dossier was not yet submitted at t.
func (d *Dossier) AsOf(t time.Time) bool {
	if d.Start().After(t) {
		return false
	}
	events := d.Events[:0]
	for _, e := range d.Events {
		if !e.At.After(t) {
			events = append(events, e)
		}
	}
	d.Events = events
	sups := d.Supplements[:0]
	for _, s := range d.Supplements {
		if s.RequestedAt.After(t) {
			continue
		}
		if s.CompletedAt.After(t) {
			s.CompletedAt, s.NewDue = time.Time{}, time.Time{}
		}
		sups = append(sups, s)
	}
	d.Supplements = sups
	if d.ReturnedAt.After(t) {
		d.ReturnedAt = time.Time{}
	}
	return true
}

// Number is the status code as a number.
func (s Status) Number() int { return int(s) }
