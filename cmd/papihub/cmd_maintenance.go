package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/tthc"
)

func init() {
	register(&command{
		name:    "maintenance",
		summary: "database upkeep: create the coming months' partitions of dossiers and index figures",
		usage: `Usage: papihub maintenance partitions [--from YYYY-MM] [--data DIR] [--db DSN]

On PostgreSQL, creates the partitions of the dossiers (by month of receipt)
and of the service index's aggregates for this month and the 13 after it,
and moves rows that fell into a default partition (dates outside the
existing partitions) into partitions of their own. serve does the same at start and daily; this command is for a cron job
or after restoring old data. --from YYYY-MM also creates every month from
then to now: run it before importing old years, so that their rows go
straight to partitions of their own (moving a million rows out of a default
partition later takes minutes). On SQLite there is nothing to do.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "maintenance", args, map[string]func(context.Context, *env, []string) error{
				"partitions": runMaintainPartitions,
			})
		},
	})
}

func runMaintainPartitions(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("maintenance partitions")
	data := e.addDataFlags(fs)
	fromFlag := fs.String("from", "", "also create the partitions of every month from YYYY-MM to now")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var from time.Time
	if *fromFlag != "" {
		var err error
		if from, err = time.ParseInLocation("2006-01", *fromFlag, tthc.Location); err != nil {
			return usagef("--from %q: cần tháng dạng YYYY-MM (a month, YYYY-MM)", *fromFlag)
		}
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if conn.Dialect != db.Postgres {
		fmt.Fprintln(e.stdout, "SQLite: bảng không chia phân vùng, không có gì phải làm (plain tables, nothing to do)")
		return nil
	}
	n, err := tthc.EnsurePartitionsFrom(ctx, conn, time.Now(), from)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "đã tạo %d phân vùng (%d partitions created)\n", n, n)
	refined, err := tthc.RefineStatistics(ctx, conn)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "đã phân tích lại %d phân vùng nhập hàng loạt (%d partitions analysed again after imports)\n", refined, refined)
	return nil
}

// keepPartitions runs partition upkeep beside serve, at start, then daily:
// the partitions ahead, and the statistics of imported partitions refined.
// Every process may run it; they take turns on an advisory lock and the
// second finds nothing to do.
func keepPartitions(ctx context.Context, _ *env, d deps) {
	d = d.complete()
	if d.db.Dialect != db.Postgres {
		return
	}
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		if n, err := tthc.EnsurePartitions(ctx, d.db, d.now()); err != nil && ctx.Err() == nil {
			d.log.Error("partition upkeep failed; rows go to the default partitions meanwhile", slog.Any("err", err))
		} else if n > 0 {
			d.log.Info("partitions created", slog.Int("count", n))
		}
		if n, err := tthc.RefineStatistics(ctx, d.db); err != nil && ctx.Err() == nil {
			d.log.Error("statistics of imported partitions not refined; their small samples stay meanwhile", slog.Any("err", err))
		} else if n > 0 {
			d.log.Info("statistics refined after imports", slog.Int("partitions", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
