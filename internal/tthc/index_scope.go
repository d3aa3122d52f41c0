package tthc

import "papihub/internal/audit"

// IndexScope is what the service index reads, as the audit log names it,
// so that a kept index outlives the changes to anything else (a task
// ticked, a sign-in, a survey): the dossiers (imports, syncs and moves all
// audit tthc_dossiers) and their archived years, the catalogue, the counts
// entered by hand, the working calendar, the units (a unit created, moved
// or closed changes the subtrees), and the reception register, whose
// complaints and dissatisfied ratings about dossiers the index deducts
// (all its entities: a session's entries are the register's too).
// TestEveryWriteTheIndexReadsIsAuditedInItsScope performs each of these
// writes. Pages that show the index declare it in theirs.
var IndexScope = audit.NewScope([]string{
	"tthc_dossiers", "tthc_archived_years", "tthc_procedures", "tthc_manual_counts", "tthc_calendar",
	"units",
	"reception_entries", "reception_cases", "reception_sessions",
})
