package tthc

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// sampleProcedureNames give generated procedures plausible names and fields.
var sampleProcedureNames = []struct{ name, field string }{
	{"Cấp giấy phép thiết lập mạng viễn thông dùng riêng", "Viễn thông và Internet"},
	{"Cấp giấy phép hoạt động in xuất bản phẩm", "Xuất bản, In và Phát hành"},
	{"Đăng ký hoạt động cơ sở in", "Xuất bản, In và Phát hành"},
	{"Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", "Hoạt động khoa học và công nghệ"},
	{"Thẩm định công nghệ dự án đầu tư", "Hoạt động khoa học và công nghệ"},
	{"Cấp giấy phép tiến hành công việc bức xạ", "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân"},
	{"Đăng ký chuyển giao công nghệ", "Hoạt động khoa học và công nghệ"},
	{"Cấp giấy phép bưu chính", "Bưu chính"},
	{"Xác nhận văn bản thông báo hoạt động bưu chính", "Bưu chính"},
	{"Cấp giấy phép trang thông tin điện tử tổng hợp", "Phát thanh, truyền hình và thông tin điện tử"},
	{"Công bố sử dụng dấu định danh hợp chuẩn, hợp quy", "Tiêu chuẩn, Đo lường, Chất lượng"},
	{"Chứng nhận đăng ký kiểm định phương tiện đo", "Tiêu chuẩn, Đo lường, Chất lượng"},
	{"Cấp chứng chỉ hành nghề dịch vụ đại diện sở hữu công nghiệp", "Sở hữu trí tuệ"},
	{"Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ", "Hoạt động khoa học và công nghệ"},
	{"Cấp phép nhập khẩu xuất bản phẩm không kinh doanh", "Xuất bản, In và Phát hành"},
}

// GenerateInto creates a synthetic agency-year for unit: the procedures of
// GenerateProcedures (added to the unit's catalogue when missing, with names,
// fields, online levels and public content), then n dossiers from Generate,
// with synthetic applicants, applied through the same Importer as a file.
func (s *Store) GenerateInto(ctx context.Context, actor audit.Actor, unit UnitInfo, seed int64, n int, opts GenerateOptions,
	keep func(*Dossier) bool, progress func(rows int64)) (ImportReport, error) {
	opts.Units = []string{unit.Code}
	im, err := s.NewImporter(ctx, actor, fmt.Sprintf("tthc generate --seed %d", seed), "")
	if err != nil {
		return ImportReport{}, err
	}
	// Synthetic dossiers belong to the unit they are generated for: one whose
	// code is already held by another unit is refused, never moved.
	im.Allow = func(path string) bool { return org.InSubtree(path, unit.Path) }
	opts.Calendar = im.Calendar()
	all := func(yield func(Incoming) bool) {
		people := rand.New(rand.NewPCG(uint64(seed), 0x6170706c6963616e))
		for d := range Generate(seed, n, opts) {
			if keep != nil && !keep(&d) {
				continue
			}
			if !yield(syntheticApplicant(people, d)) {
				return
			}
		}
	}
	// The writing pass generates the dossiers again: kept from the check
	// pass (66,666 per agency at 2,000,000) they took the bench's peak RSS
	// to 534 MB, past issue 15's 512 MiB, to save 2-3% of its CPU.
	//
	// All or nothing: the dossiers are checked against what is stored
	// before the catalogue gets its procedures or anything is written.
	if rep, err := im.CheckAll(ctx, all, false); err != nil || rep.Rejected > 0 {
		return rep, err
	}
	existing, _, err := s.Procedures(ctx, ProcedureFilter{Scope: unit.Path})
	if err != nil {
		return ImportReport{}, err
	}
	have := map[string]bool{}
	for _, p := range existing {
		if p.UnitID == unit.ID {
			have[p.Code] = true
		}
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x70726f6365647572))
	for i, g := range GenerateProcedures(seed, opts) {
		if have[g.Code] {
			continue
		}
		sample := sampleProcedureNames[i%len(sampleProcedureNames)]
		p := Procedure{UnitID: unit.ID, Code: g.Code, Name: fmt.Sprintf("%s (mẫu %d)", sample.name, i+1), Field: sample.field,
			IssuingBody: "Bộ Khoa học và Công nghệ", CompetentUnit: unit.Name, Statutory: g.Terms.Statutory, Fee: g.Fee,
			Online: OnlineNone, Parts: AllParts, Status: InForce}
		if g.Terms.OnlineService {
			p.Online = OnlinePartial
			if rng.IntN(2) == 0 {
				p.Online = OnlineFull
			}
		}
		if rng.IntN(10) == 0 {
			p.Parts &^= 1 << rng.IntN(7)
		}
		p.PaymentIntegrated = p.Fee > 0 && rng.IntN(10) < 7
		decision := DateDay(opts.Year, 1, 2) + Day(rng.IntN(200))
		p.DecisionDate = decision.At(0, 0)
		p.PublishedDate = (decision + Day(rng.IntN(10))).At(0, 0)
		if _, err := s.CreateProcedure(ctx, actor, p); err != nil {
			return ImportReport{}, err
		}
	}
	if err := im.loadProcedures(ctx); err != nil {
		return ImportReport{}, err
	}
	return im.importChecked(ctx, iter.Seq[Incoming](all), progress)
}

var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"}
	middleNames = []string{"Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"}
	givenNames  = []string{"An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hương", "Lan", "Long", "Mai", "Nam", "Phương", "Quân", "Thảo", "Tuấn"}
)

// syntheticApplicant gives a generated dossier an invented applicant: a
// name, a citizen ID number registered in Hưng Yên (033) and a mobile
// number. None is a real person's.
func syntheticApplicant(rng *rand.Rand, d Dossier) Incoming {
	in := Incoming{Dossier: d, ApplicantType: 1}
	if rng.IntN(10) == 0 {
		in.ApplicantType = 2
		in.Applicant = fmt.Sprintf("Công ty TNHH %s %s", givenNames[rng.IntN(len(givenNames))], givenNames[rng.IntN(len(givenNames))])
		return in
	}
	in.Applicant = familyNames[rng.IntN(len(familyNames))] + " " + middleNames[rng.IntN(len(middleNames))] + " " + givenNames[rng.IntN(len(givenNames))]
	in.IDNumber = fmt.Sprintf("033%d%02d%06d", rng.IntN(4), 60+rng.IntN(40), rng.IntN(1000000))
	in.Phone = fmt.Sprintf("09%08d", rng.IntN(100000000))
	return in
}
