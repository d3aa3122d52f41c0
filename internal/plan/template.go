package plan

import (
	"fmt"
	"strings"

	"papihub/internal/papi"
	"papihub/internal/platform/vn"
)

// templateTasks are generic tasks per dimension, adapted from the seed plan
// (Hưng Yên Department of Information and Communications, 2023) so that they
// fit any agency. The agency edits them; they are a start, not a standard.
var templateTasks = map[string][]string{
	"D1": {
		"Tăng cường thông tin, tuyên truyền trong cán bộ, công chức, viên chức và Nhân dân về thực hiện dân chủ ở cơ sở: những nội dung người dân được biết, được bàn, được tham gia thực hiện, được kiểm tra, giám sát và trách nhiệm của cơ quan.",
	},
	"D2": {
		"Công khai đầy đủ, kịp thời thông tin, số liệu thuộc phạm vi quản lý bằng nhiều hình thức để người dân thuận lợi tra cứu; công khai số điện thoại, hộp thư điện tử của người đứng đầu; công khai đầy đủ thủ tục hành chính trên Trang thông tin điện tử của cơ quan.",
		"Thường xuyên rà soát văn bản quy phạm pháp luật thuộc lĩnh vực quản lý để kịp thời tham mưu sửa đổi, bổ sung, thay thế, bãi bỏ; hằng năm tổng hợp, trình công bố Danh mục văn bản hết hiệu lực, ngưng hiệu lực toàn bộ hoặc một phần.",
		"Thông tin, tuyên truyền chính sách, pháp luật thuộc lĩnh vực quản lý trên các phương tiện thông tin đại chúng.",
	},
	"D3": {
		"Thực hiện tốt công tác tiếp công dân; bố trí người tiếp công dân đúng chức trách, đủ thẩm quyền; bảo đảm lịch tiếp công dân định kỳ của người đứng đầu.",
		"Ghi chép đầy đủ Sổ tiếp công dân đúng mẫu; thực hiện đầy đủ, đúng thời hạn các nội dung phải giải trình với người dân theo quy định.",
		"Bố trí địa điểm tiếp công dân theo quy định; niêm yết nội quy và lịch tiếp công dân cụ thể theo ngày, giờ, họ tên, số điện thoại người tiếp công dân.",
	},
	"D4": {
		"Kiểm tra định kỳ, đột xuất việc chấp hành kỷ luật, kỷ cương hành chính, thực thi công vụ; quản lý, sử dụng ngân sách, tài sản công; giải quyết thủ tục hành chính.",
		"Theo dõi, đôn đốc thực hiện kết luận thanh tra, kiểm tra; kiến nghị xử lý nghiêm các trường hợp tái phạm, chậm khắc phục hoặc không thực hiện kết luận.",
	},
	"D5": {
		"Công khai, minh bạch việc tiếp nhận, giải quyết thủ tục hành chính: 100% thủ tục được công bố, công khai đầy đủ, đúng hạn; 100% hồ sơ được theo dõi trạng thái xử lý trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, đồng bộ với Cổng Dịch vụ công quốc gia.",
		"Cung cấp dịch vụ công trực tuyến toàn trình đối với 100% thủ tục hành chính đủ điều kiện; số hóa đầy đủ hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định.",
		"Rà soát, đề xuất cắt giảm, đơn giản hóa thủ tục hành chính (thời gian, thành phần hồ sơ, điều kiện) đang gây khó khăn, tốn kém cho người dân, doanh nghiệp.",
	},
	"D6": {
		"Tuyên truyền, phổ biến chính sách, pháp luật về các dịch vụ công cơ bản (y tế, giáo dục, bảo hiểm y tế) gắn với lĩnh vực quản lý của cơ quan.",
		"Phối hợp tuyên truyền về phòng cháy, chữa cháy, bảo đảm an ninh, trật tự tại khu dân cư, tổ dân phố và cơ sở sản xuất, kinh doanh.",
	},
	"D7": {
		"Không sử dụng đồ nhựa dùng một lần, hạn chế rác thải nhựa trong cơ quan; sử dụng thiết bị, năng lượng tiết kiệm, thân thiện với môi trường.",
		"Tăng cường tuyên truyền về bảo vệ môi trường và Luật Bảo vệ môi trường.",
	},
	"D8": {
		"Tuyên truyền, hướng dẫn người dân sử dụng Cổng thông tin điện tử, Cổng Dịch vụ công và Internet hiệu quả, an toàn, đúng pháp luật.",
		"Phối hợp với các doanh nghiệp viễn thông bảo đảm chất lượng dịch vụ và có cơ chế khuyến khích người dân sử dụng.",
	},
}

// Template returns the "Kế hoạch nâng cao Chỉ số PAPI năm N" for an agency to
// start from: the seed plan's structure, one section per dimension of the
// framework in force for the year (eight from 2018, six before), each with
// generic tasks. Number and date stay blank until the plan is issued.
func Template(year int, issuer, parentBody, place string) Draft {
	agency := issuer
	if agency == "" {
		agency = "cơ quan"
	}
	d := Draft{
		Title:      fmt.Sprintf("Nâng cao Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm %d", year),
		Issuer:     issuer,
		ParentBody: parentBody,
		Place:      place,
		Year:       year,
		Basis: []Basis{{
			Text: fmt.Sprintf("Căn cứ Kế hoạch của Ủy ban nhân dân tỉnh về nâng cao Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm %d, %s xây dựng Kế hoạch thực hiện như sau:", year, agency),
			Refs: []string{},
		}},
		Purposes: []string{
			"Phát huy sự tham gia của Nhân dân vào quá trình xây dựng, thực thi và giám sát việc thực thi chính sách; nâng cao chất lượng quản trị và hành chính công, xây dựng nền hành chính minh bạch, liêm chính, hiệu lực, hiệu quả, nâng cao chất lượng phục vụ Nhân dân.",
			"Xác định trách nhiệm của từng phòng, đơn vị trong thực hiện các nhiệm vụ, giải pháp nâng cao Chỉ số PAPI; nâng cao trách nhiệm của người đứng đầu và của mỗi cán bộ, công chức, viên chức.",
		},
		Requirements: []string{
			"Tổ chức các hoạt động thực chất, hiệu quả; gắn với cải cách hành chính, dân vận chính quyền và thực hiện dân chủ ở cơ sở; linh hoạt, phù hợp với điều kiện thực tế của cơ quan.",
			"Quán triệt đến cán bộ, công chức, viên chức các chỉ số nội dung của PAPI và nhiệm vụ của từng phòng, đơn vị.",
		},
		Organisation: []string{
			fmt.Sprintf("Các phòng, đơn vị thuộc %s theo chức năng, nhiệm vụ tổ chức triển khai thực hiện Kế hoạch. Văn phòng làm đầu mối phối hợp với các phòng, đơn vị tổ chức thực hiện, định kỳ tổng hợp báo cáo Sở Nội vụ theo quy định.", agency),
		},
		Recipients: []string{"Sở Nội vụ", "Lãnh đạo " + agency, "Các phòng, đơn vị", "Lưu: VT"},
		Signer:     Signer{Title: signerTitle(issuer)},
		Sections:   []Section{},
	}
	if fw, ok := papi.FrameworkFor(year); ok {
		for _, dim := range fw.Dimensions {
			s := Section{Dimension: dim.Code, Heading: "Chỉ số nội dung “" + dim.NameVI + "”", Tasks: []Task{}}
			for _, text := range templateTasks[dim.Code] {
				s.Tasks = append(s.Tasks, Task{Text: text})
			}
			d.Sections = append(d.Sections, s)
		}
	}
	return d
}

// signerTitle guesses the head's title from the kind of agency (Decree 30
// signature blocks); the agency edits it when the plan is signed by a deputy.
func signerTitle(issuer string) string {
	f := vn.Fold(issuer)
	switch {
	case strings.HasPrefix(f, "so "):
		return "GIÁM ĐỐC"
	case strings.HasPrefix(f, "ubnd") || strings.HasPrefix(f, "uy ban nhan dan"):
		return "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
	case strings.HasPrefix(f, "phong "):
		return "TRƯỞNG PHÒNG"
	case strings.HasPrefix(f, "ban "):
		return "TRƯỞNG BAN"
	}
	return ""
}
