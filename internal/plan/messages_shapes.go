package plan

import "papihub/internal/platform/web"

// Texts of baselines, two-dimension sections, the words a plan wrote and
// what the parser could not place.
func init() {
	web.AddMessages(web.LangVI, map[string]string{
		"plan.card.baseline":        "Điểm xuất phát theo kế hoạch",
		"plan.card.official":        "Điểm chính thức mới nhất của %s (năm %d)",
		"plan.card.also":            "Nhiệm vụ của mục ghép cũng phục vụ chỉ số này: %d (hoàn thành %d/%d lượt; tính ở chỉ số đầu của mục)",
		"plan.baselines":            "Điểm xuất phát theo chỉ số",
		"plan.baselines.help":       "Nơi tỉnh đứng khi lập kế hoạch, theo đoạn đánh giá thực trạng của từng chỉ số. Để trống dòng của chỉ số kế hoạch không nêu. Số thập phân viết 4,87 hoặc 4.87; mức thay đổi +0,05 hoặc −0,3.",
		"plan.baseline.year":        "Năm khảo sát",
		"plan.baseline.score":       "Điểm",
		"plan.baseline.group":       "Nhóm",
		"plan.baseline.change":      "Tăng, giảm",
		"plan.baseline.text":        "Theo văn bản",
		"plan.review.unplaced":      "Nội dung chưa xếp vào bản nháp",
		"plan.review.unplaced.help": "Các đoạn dưới đây không thuộc phần nào của bản nháp (ví dụ phần kinh phí, tiêu đề nhóm). Không đoạn nào bị bỏ mà không báo; nếu cần, hãy chép vào nhiệm vụ hoặc mục đích sau khi lưu.",
		"plan.review.lead.auto":     "— theo tên trong văn bản; không khớp thì giao cơ quan ban hành —",
		"plan.review.lead.match":    "khớp với",
		"plan.review.lead.none":     "chưa khớp đơn vị nào",
		"plan.task.due_text":        "Thời hạn ghi trong kế hoạch",
		"plan.task.lead_text":       "Đơn vị ghi trong kế hoạch",
		"plan.section.also":         "Cũng phục vụ chỉ số",
	})
	web.AddMessages(web.LangEN, map[string]string{
		"plan.card.baseline":        "Baseline stated by the plan",
		"plan.card.official":        "Latest official score of %s (%d)",
		"plan.card.also":            "Tasks of joint sections that also serve it: %d (%d of %d done; counted under the section's first dimension)",
		"plan.baselines":            "Baselines by dimension",
		"plan.baselines.help":       "Where the province stood when the plan was written, from each dimension's status paragraph. Leave a dimension's row blank when the plan says nothing. Decimals as 4,87 or 4.87; change as +0,05 or −0,3.",
		"plan.baseline.year":        "Survey year",
		"plan.baseline.score":       "Score",
		"plan.baseline.group":       "Group",
		"plan.baseline.change":      "Change",
		"plan.baseline.text":        "As written",
		"plan.review.unplaced":      "Text not placed in the draft",
		"plan.review.unplaced.help": "These paragraphs belong to no part of the draft (a budget section, a group title…). Nothing is dropped without being listed; copy what you need into a task or purpose after saving.",
		"plan.review.lead.auto":     "— by the name written; the issuer when none matches —",
		"plan.review.lead.match":    "matches",
		"plan.review.lead.none":     "matches no unit",
		"plan.task.due_text":        "Deadline as the plan wrote it",
		"plan.task.lead_text":       "Units as the plan wrote them",
		"plan.section.also":         "Also serves",
	})
}
