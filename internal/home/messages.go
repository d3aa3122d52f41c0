package home

import "papihub/internal/platform/web"

func init() {
	web.AddMessages(web.LangVI, map[string]string{
		"home.title": "Trang chủ", "home.greeting": "Xin chào, %s", "nav.start": "Trang chủ", "home.menu": "Các phần của hệ thống",
		"nav.admin.about":   "Đơn vị, người dùng, mã truy cập API và nhật ký thay đổi.",
		"nav.plans.about":   "Kế hoạch nâng cao Chỉ số PAPI: nhiệm vụ theo từng chỉ số, tiến độ, minh chứng và báo cáo định kỳ gửi Sở Nội vụ.",
		"nav.mytasks.about": "Nhiệm vụ được giao cho bạn: sắp đến hạn, quá hạn, bị trả lại để hoàn thiện.",
		"nav.tthc.about":    "Thủ tục hành chính, hồ sơ, đúng hạn – trễ hạn và Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766).",
		"nav.papi.about":    "Kết quả PAPI chính thức: điểm, thứ hạng, khoảng cách tới tỉnh cao nhất và trung vị cả nước.",
	})
	web.AddMessages(web.LangEN, map[string]string{
		"home.title": "Home", "home.greeting": "Hello, %s", "nav.start": "Home", "home.menu": "Everything in PAPI Hub",
		"nav.admin.about":   "Units, users, API tokens and the audit log.",
		"nav.plans.about":   "The plan to raise the PAPI score: tasks per dimension, progress, evidence and periodic reports to Home Affairs.",
		"nav.mytasks.about": "Tasks assigned to you: due soon, overdue, returned for more work.",
		"nav.tthc.about":    "Administrative procedures, dossiers, on-time handling and the service index (Decision 766).",
		"nav.papi.about":    "Official PAPI results: scores, ranks, gaps to the best province and the national median.",
	})
}
