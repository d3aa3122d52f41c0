package tthc

import (
	"context"
	"errors"
	"strings"
	"testing"

	"papihub/internal/audit"
)

// dbState is what an import may change: the dossiers, the aggregates, the
// catalogue and the audit log.
func dbState(t *testing.T, s *Store) string {
	t.Helper()
	return aggregateState(t, s) + "|" + itoa(int64(count(t, s, "SELECT COUNT(*) FROM tthc_dossiers"))) + "|" +
		itoa(int64(count(t, s, "SELECT COUNT(*) FROM tthc_procedures"))) + "|" + itoa(int64(count(t, s, "SELECT COUNT(*) FROM audit_log"))) + "|" +
		itoa(eventCount(t, s))
}

// stopsAfterReturn is a row for the first dossier of threeDossiers (returned on
// 07/08) saying it was stopped on 08/08: valid alone, impossible once
// merged with the stored history.
const stopsAfterReturn = "000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,8,20260808100000,,1,,,\n"

func TestAFileWhoseBadRowFailsOnlyAgainstStoredDataCommitsNothing(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, threeDossiers, false)
	before := dbState(t, s)
	file := header +
		"000.07.00.H33-260805-0001,1.000001,20260805090000,20260810170000,2,,,1,,,\n" +
		"000.07.00.H33-260805-0002,1.000001,20260805090000,20260810170000,4,,,1,,,\n" +
		stopsAfterReturn
	rep := importCSV(t, s, file, false)
	if rep.Applied || rep.Imported != 0 || rep.Rejected != 1 || len(rep.Errors) != 1 || rep.Errors[0].Line != 4 || rep.Errors[0].Field != "TrangThaiHoSo" {
		t.Fatalf("report = %+v, want the file rejected for line 4's history", rep)
	}
	if got := dbState(t, s); got != before {
		t.Fatalf("a rejected file changed the database:\n%s\nwant\n%s", got, before)
	}
	rep = importCSV(t, s, file, true)
	if !rep.Applied || rep.Imported != 2 || rep.Rejected != 1 {
		t.Fatalf("with --skip-invalid: %+v, want 2 imported and line 4 rejected once", rep)
	}
}

func TestTwoRowsOfOneDossierThatCannotBothHappenRejectTheFile(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	before := dbState(t, s)
	returned := "000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,10,20260806100000,20260807090000,1,,,\n"
	rep := importCSV(t, s, header+returned+stopsAfterReturn, false)
	if rep.Applied || rep.Rejected != 1 || rep.Errors[0].Line != 3 {
		t.Fatalf("report = %+v, want line 3 rejected", rep)
	}
	if got := dbState(t, s); got != before {
		t.Fatal("a rejected file changed the database")
	}
}

func TestABatchMeetingARowThatNoLongerMergesIsRolledBackWhole(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, threeDossiers, false)
	before := dbState(t, s)
	im, err := s.NewImporter(context.Background(), audit.CLI(), "test", "")
	if err != nil {
		t.Fatal(err)
	}
	good := Incoming{Line: 2, Dossier: dossier(received("2026-08-05 09:00"))}
	good.Dossier.Code, good.Dossier.ProcedureCode = "000.07.00.H33-260805-0001", "1.000001"
	late := Incoming{Line: 3, Dossier: dossier(received("2026-08-03 09:00"), status(StatusStopped, "2026-08-08 10:00"))}
	late.Dossier.Code, late.Dossier.ProcedureCode = "000.07.00.H33-260803-0001", "1.000001"
	rows := []Incoming{good, late}
	pre, err := im.prepareBatch(rows) // as a bulk import's producer does
	if err != nil {
		t.Fatal(err)
	}
	_, err = im.apply(context.Background(), rows, pre, nil, true)
	var race *errMergeRace
	if !errors.As(err, &race) || race.rows[0].Line != 3 {
		t.Fatalf("strict apply = %v, want the batch refused for line 3", err)
	}
	if got := dbState(t, s); got != before {
		t.Fatal("the refused batch wrote something")
	}
	var rep ImportReport
	rep.Imported = 6000
	if err := asPartial(&rep, err); !strings.Contains(err.Error(), "6000 hồ sơ của các lô trước") || rep.Rejected != 1 {
		t.Fatalf("partial import error = %v (report %+v)", err, rep)
	}
}

func TestTheGeneratorRefusesWholeARunThatWouldTouchAnotherUnitsDossier(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	province := unitOf(t, s, "000.00.00.H33")
	if _, err := s.CreateProcedure(ctx, audit.CLI(), Procedure{UnitID: province.ID, Code: "1.000001", Name: "Thủ tục chung", Field: "Nội vụ",
		Statutory: ProcessingTime{5, UnitWorkingDays}, Online: OnlineFull}); err != nil {
		t.Fatal(err)
	}
	agency := unitOf(t, s, demoAgency)
	cal, err := s.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	opts := GenerateOptions{Year: 2026, Procedures: 5}
	var taken Dossier
	for d := range Generate(7, 1, GenerateOptions{Year: 2026, Procedures: 5, Units: []string{agency.Code}, Calendar: cal}) {
		taken = d
	}
	// The Department of Home Affairs holds a dossier under the code the
	// generator will give its first dossier.
	taken.ProcedureCode, taken.UnitID, taken.Events = "1.000001", "000.01.00.H33", taken.Events[:1]
	im, err := s.NewImporter(ctx, audit.CLI(), "seed", "")
	if err != nil {
		t.Fatal(err)
	}
	if res, err := im.Apply(ctx, []Incoming{{Line: 1, Dossier: taken}}); err != nil || res.Imported != 1 {
		t.Fatalf("seed: %+v %v", res, err)
	}
	before := dbState(t, s)
	rep, err := s.GenerateInto(ctx, audit.CLI(), agency, 7, 40, opts, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Applied || rep.Rejected != 1 || !strings.Contains(rep.Errors[0].Reason, "000.01.00.H33") {
		t.Fatalf("report = %+v, want the run refused for the Home Affairs dossier", rep)
	}
	if got := dbState(t, s); got != before {
		t.Fatalf("a refused generator run changed the database:\n%s\nwant\n%s", got, before)
	}
}
