package tthc

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"papihub/internal/platform/db"
)

// Reading archived years, read-only (PostgreSQL). A figure of a kept period
// can count dossiers of archived years: one received in December 2023 and
// ended late in January 2024 is in January 2024's late figure, and one that
// fell overdue in 2023 and is still open is in every later open-overdue
// figure (through tthc_carry). A figure and the list behind it must agree,
// so the judged drill-downs (late, on time, judged, disapproved) of a kept
// period read the archived partitions too, and a staff look-up of an
// archived dossier shows it, marked read-only. Nothing writes there: an
// import still refuses archived dossiers, and the public look-up still
// says "archived" (the citizen asks the agency).
//
// Lists that no figure stands behind (every dossier of a unit, a search by
// code) and the list of dossiers received in a period read the live table:
// a period that starts in an archived year is refused as the index refuses
// it (ArchivedPeriodError), and a received-in-period list of a kept period
// has no archived dossier by definition.

// archivedDossierTables lists the dossier partitions in the archive schema,
// schema-qualified, oldest first; none when nothing is archived.
func archivedDossierTables(ctx context.Context, q db.Querier) ([]string, error) {
	_, archive, err := archiveSchema(ctx, q)
	if err != nil {
		return nil, err
	}
	names, err := tablesIn(ctx, q, archive, dossierTable.name+"_y", false)
	if err != nil {
		return nil, fmt.Errorf("tthc: archived dossiers: %w", err)
	}
	for i, n := range names {
		names[i] = archive + "." + n
	}
	return names, nil
}

// archiveReadColumns are the dossier columns a read through the archive
// selects: what a dossier list shows (dossierColumns) and filters on.
// Named rather than *, so that the live table and an archived partition
// line up by name even if their column order differs.
var archiveReadColumns = func() string {
	cols := []string{"received_day", "end_day", "overdue_from"}
	for _, m := range regexp.MustCompile(`\bd\.([a-z_]+)`).FindAllStringSubmatch(dossierColumns, -1) {
		if !slices.Contains(cols, m[1]) {
			cols = append(cols, m[1])
		}
	}
	return strings.Join(cols, ", ")
}()

// withArchive is a FROM source for loadDossiersFrom: the live dossiers and
// those of the archived partitions tables, as one table.
func withArchive(tables []string) string {
	var b strings.Builder
	b.WriteString("(SELECT " + archiveReadColumns + " FROM " + dossierTable.name)
	for _, t := range tables {
		b.WriteString(" UNION ALL SELECT " + archiveReadColumns + " FROM " + t)
	}
	b.WriteString(")")
	return b.String()
}

// readsArchive reports whether a list with filter f stands behind a
// figure that can count dossiers of archived years.
func (f DossierFilter) readsArchive() bool {
	return f.Period != nil && f.Judged != JudgedAny && f.Judged != JudgedReceived && f.Judged != JudgedFeeBearing
}

// archivedDossier reads a dossier of an archived year from its archived
// partition (read-only), nil when it is not there.
func archivedDossier(ctx context.Context, q db.Querier, code string, e codeEntry) (*StoredDossier, error) {
	_, archive, err := archiveSchema(ctx, q)
	if err != nil {
		return nil, err
	}
	ds, err := loadDossiersFrom(ctx, q, archive+"."+dossierPartition(e.day), "d.code = $1", code)
	if db.IsUndefinedTable(err) {
		return nil, nil
	}
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	ds[0].Archived = true
	return ds[0], nil
}

// markArchived marks the dossiers received before the first live year.
func markArchived(ds []*StoredDossier, firstLive int) {
	if firstLive == 0 {
		return
	}
	for _, d := range ds {
		if y, _, _ := DayOf(d.Start()).Date(); !d.Start().IsZero() && y < firstLive {
			d.Archived = true
		}
	}
}
