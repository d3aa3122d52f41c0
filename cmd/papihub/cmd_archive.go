package main

import (
	"context"
	"errors"
	"fmt"

	"papihub/internal/audit"
	"papihub/internal/tthc"
)

func init() {
	register(&command{
		name:    "archive",
		summary: "move old years of dossiers and index figures to the archive schema (PostgreSQL)",
		usage: `Usage: papihub archive --before YEAR [--data DIR] [--db DSN]
       papihub archive --restore YEAR [--data DIR] [--db DSN]
       papihub archive --list [--data DIR] [--db DSN]

PostgreSQL only. --before YEAR detaches the partitions of the dossiers and of
the index aggregates holding the years before YEAR and moves them into the
schema "archive", in one transaction. The figures of the years that stay do
not change: the overdue deltas of the archived days are kept per unit and
procedure (tthc_carry) and added to the open-overdue counts. The index of a
period in an archived year is refused; the lists of dossiers behind a
figure of a kept year include its archived dossiers (read-only, marked);
the public look-up of an archived dossier says it is archived, and an
import refuses rows of archived dossiers.

--restore YEAR re-attaches the archived years from YEAR on (the older ones
stay archived), in one transaction, after checking every partition it
re-attaches: its rows lie in its month or year, it holds the rows it held
when archived, each dossier has its code entry, its columns and indexes
are the live table's. If anything does not match it changes nothing and
lists what does not match.

--list prints each archived year: months, dossiers, size on disk, when and
by whom it was archived.

A dump (papihub dump) holds the archived years too; restored into
PostgreSQL they are archived again.

On SQLite every year stays in plain tables: the command exits with status 2.`,
		run: runArchive,
	})
}

func runArchive(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("archive")
	data := e.addDataFlags(fs)
	before := fs.Int("before", 0, "archive the years before YEAR")
	restore := fs.Int("restore", 0, "re-attach the archived years from YEAR on")
	list := fs.Bool("list", false, "print the archived years")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if n := btoi(*before != 0) + btoi(*restore != 0) + btoi(*list); n != 1 {
		return usagef("give one of --before YEAR, --restore YEAR or --list")
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	s := tthc.NewStore(conn, nil, nil)
	var rep tthc.ArchiveReport
	switch {
	case *list:
		years, err := s.ArchivedYearsDetail(ctx)
		if err != nil {
			return err
		}
		if len(years) == 0 {
			fmt.Fprintln(e.stdout, "chưa lưu trữ năm nào (no year archived)")
		}
		for _, y := range years {
			at := y.ArchivedAt.In(tthc.Location)
			fmt.Fprintf(e.stdout, "%d: %d tháng, %d hồ sơ, %s trên đĩa, lưu trữ %s bởi %s (%d months, %d dossiers, %s on disk, archived %s by %s)\n",
				y.Year, y.Months, y.Dossiers, mebibytes(y.Bytes), at.Format("02/01/2006 15:04"), y.ArchivedBy,
				y.Months, y.Dossiers, mebibytes(y.Bytes), at.Format("2006-01-02 15:04 MST"), y.ArchivedBy)
		}
		return nil
	case *before != 0:
		rep, err = s.Archive(ctx, audit.CLI(), *before)
	default:
		rep, err = s.Restore(ctx, audit.CLI(), *restore)
	}
	if errors.Is(err, tthc.ErrNotPostgres) {
		return usagef("lưu trữ theo năm chỉ có trên PostgreSQL; SQLite giữ mọi năm trong bảng thường (archiving years needs PostgreSQL)")
	}
	if err != nil {
		return err
	}
	verb, en := "đã lưu trữ", "archived"
	if *restore != 0 {
		verb, en = "đã khôi phục", "restored"
	}
	if len(rep.Years) == 0 {
		fmt.Fprintf(e.stdout, "không có gì thay đổi (nothing to do)\n")
		return nil
	}
	fmt.Fprintf(e.stdout, "%s các năm %d–%d: %d phân vùng, %d hồ sơ (%d chưa kết thúc); %d dòng số liệu chuyển tiếp\n",
		verb, rep.Years[0], rep.Years[len(rep.Years)-1], rep.Partitions, rep.Dossiers, rep.Open, rep.Carry)
	fmt.Fprintf(e.stdout, "(%s %d–%d: %d partitions, %d dossiers, %d open; %d carried-forward rows)\n",
		en, rep.Years[0], rep.Years[len(rep.Years)-1], rep.Partitions, rep.Dossiers, rep.Open, rep.Carry)
	return nil
}

// mebibytes writes a size on disk for a person: 0.3 MiB, 1,204.5 MiB.
func mebibytes(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
