package plan

import "papihub/internal/audit"

// KeptScope is what the plans' kept figures (Summary) and the kept plan
// page and overview read, as the audit log names it: the plans with their
// sections, basis and baselines (plans), the tasks with their assignees and
// coordinators (tasks), the instances with their updates and evidence
// (task_instances), the units and the users they show, and the reports
// issued from a plan (whether it may still be deleted). A dossier synced or
// a register's entry keeps them. "My tasks" also shows the registers'
// agenda and is kept under audit.AnyRecord.
// TestEveryWriteThePlanPagesReadIsAuditedInTheirScope performs the writes.
var KeptScope = audit.NewScope([]string{"plans", "tasks", "task_instances", "units", "users", "issued_reports"})
