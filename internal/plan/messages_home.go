package plan

import "papihub/internal/platform/web"

// The plan's blocks of the home page.
func init() {
	web.AddMessages(web.LangVI, map[string]string{
		"plan.home.mytasks": "Nhiệm vụ của tôi", "plan.home.nothing": "Không có việc quá hạn, bị trả lại hay sắp đến hạn.",
		"plan.home.all_tasks": "Xem tất cả nhiệm vụ", "plan.home.overdue": "Quá hạn", "plan.home.returned": "Bị trả lại",
		"plan.home.due14": "Đến hạn trong 14 ngày", "plan.home.division": "Công việc của %s", "plan.home.waiting": "Chờ Văn phòng xem xét",
		"plan.home.plan": "Kế hoạch năm %d", "plan.home.no_plan": "Đơn vị chưa có kế hoạch năm nay.", "plan.home.all_plans": "Tất cả kế hoạch",
		"plan.home.open_plan": "Mở kế hoạch", "plan.home.plan_line": "Hoàn thành %s (%d/%d) · quá hạn %d · chờ xem xét %d",
		"plan.home.progress": "Tiến độ", "plan.home.to_review": "Chờ bạn xem xét",
		"plan.home.decide": "Việc quá hạn cần chỉ đạo", "plan.home.decide.lead": "Nhiệm vụ đã quá hạn: cần quyết định gia hạn, giao lại hay bổ sung nguồn lực.",
		"plan.home.decide.none": "Không có nhiệm vụ nào quá hạn.", "plan.home.all_overdue": "Xem tất cả việc quá hạn",
	})
	web.AddMessages(web.LangEN, map[string]string{
		"plan.home.mytasks": "My tasks", "plan.home.nothing": "Nothing overdue, returned or due soon.",
		"plan.home.all_tasks": "All tasks", "plan.home.overdue": "Overdue", "plan.home.returned": "Returned",
		"plan.home.due14": "Due within 14 days", "plan.home.division": "Work of %s", "plan.home.waiting": "Waiting for the Office's review",
		"plan.home.plan": "The %d plan", "plan.home.no_plan": "The unit has no plan this year.", "plan.home.all_plans": "All plans",
		"plan.home.open_plan": "Open the plan", "plan.home.plan_line": "Done %s (%d/%d) · overdue %d · to review %d",
		"plan.home.progress": "Progress", "plan.home.to_review": "Waiting for your review",
		"plan.home.decide": "Overdue work that needs a decision", "plan.home.decide.lead": "Tasks past their deadline: extend, reassign or add resources.",
		"plan.home.decide.none": "No task is overdue.", "plan.home.all_overdue": "All overdue work",
	})
}
