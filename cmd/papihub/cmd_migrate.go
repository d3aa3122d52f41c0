package main

import (
	"context"
	"fmt"
	"text/tabwriter"
)

func init() {
	register(&command{
		name:    "migrate",
		summary: "bring the database schema up to date, or show its status",
		usage: `Usage: papihub migrate [--data DIR] [--db DSN]
       papihub migrate status [--data DIR] [--db DSN]

Applies every pending migration, each in its own transaction. 'status' lists
each migration and when it was applied.`,
		run: runMigrate,
	})
}

func runMigrate(ctx context.Context, e *env, args []string) error {
	status := len(args) > 0 && args[0] == "status"
	if status {
		args = args[1:]
	}
	fs := e.flagSet("migrate")
	data := e.addDataFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !status {
		conn, err := data.open(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		fmt.Fprintf(e.stdout, "database is up to date (%s)\n", conn.Dialect)
		return nil
	}
	conn, err := openWithoutMigrating(ctx, data)
	if err != nil {
		return err
	}
	defer conn.Close()
	states, err := conn.MigrationStatus(ctx, modules()...)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MODULE\tMIGRATION\tAPPLIED")
	pending := 0
	for _, s := range states {
		at := s.AppliedAt
		if at == "" {
			at, pending = "pending", pending+1
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Module, s.Name, at)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d migrations, %d pending\n", len(states), pending)
	return nil
}
