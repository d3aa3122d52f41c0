package report

import "papihub/internal/platform/web"

func init() {
	web.AddMessages(web.LangVI, map[string]string{
		"report.register.title": "Sổ báo cáo đã ban hành", "report.kind": "Loại", "report.kind.all": "Tất cả",
		"report.kind.plan": "Báo cáo kết quả thực hiện kế hoạch", "report.kind.reception": "Báo cáo tiếp công dân, khiếu nại, tố cáo",
		"report.kind.inspection": "Báo cáo theo dõi kết luận thanh tra, kiểm tra", "report.kind.legal_expired": "Danh mục văn bản hết hiệu lực",
		"report.kind.province": "Báo cáo tổng hợp của tỉnh",
		"report.number":        "Số", "report.date": "Ngày", "report.period": "Kỳ", "report.issuer": "Cơ quan ban hành", "report.title": "Trích yếu",
		"report.file": "Tệp", "report.page.prev": "Trang trước", "report.page.next": "Trang sau",
		"report.format.invalid": "Định dạng phải là docx, xlsx hoặc pdf.",
	})
	web.AddMessages(web.LangEN, map[string]string{
		"report.register.title": "Register of issued reports", "report.kind": "Kind", "report.kind.all": "All",
		"report.kind.plan": "Plan progress report", "report.kind.reception": "Citizen reception and complaints report",
		"report.kind.inspection": "Follow-up of inspection conclusions", "report.kind.legal_expired": "List of expired legal documents",
		"report.kind.province": "Province consolidated report",
		"report.number":        "Number", "report.date": "Date", "report.period": "Period", "report.issuer": "Issuer", "report.title": "Subject",
		"report.file": "File", "report.page.prev": "Previous", "report.page.next": "Next",
		"report.format.invalid": "Format must be docx, xlsx or pdf.",
	})
}
