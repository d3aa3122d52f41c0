package main

import (
	"context"
	"log/slog"
	"time"
)

// warmRoots bounds the provinces (root units) the warm-up computes ahead,
// one after the other: a database holding many keeps its start-up work to
// the first few, in path order.
const warmRoots = 4

// warmUp computes, in the background right after serve starts listening,
// what the first visitors' pages wait for when nothing is kept yet: the
// connections of the database pools, and for each root unit the figures of
// its index page (the current month with its breakdowns and its trend, the
// catalogue, units and calendar they read) and the index of a leader's home
// (this quarter and the one before). Measured on PostgreSQL at a province's
// volume, 64 connections waited for that one computation of about half a
// second on the first round after a start.
//
// It warms kept values, not rendered pages. The pages are kept per user
// (the home) or per language and set of rights (the index page), so
// warming them means guessing who signs in first and rendering for a
// request nobody made; once their figures are kept a page renders in a
// few milliseconds. The warmed values age out like any kept value
// (audit.CacheMaxAge): this is for the visitors of the first minute.
//
// It stops when ctx is done (shutdown) and logs what it warmed and how long
// it took; an error is logged, never fatal: the pages compute what was not
// warmed.
func warmUp(ctx context.Context, d deps) {
	start := time.Now()
	conns, err := d.db.Warm(ctx)
	if err != nil {
		warmFailed(ctx, d, "database connections", err)
	}
	d.log.Info("warm-up: database connections open", slog.Int("connections", conns), slog.Duration("took", time.Since(start)))
	roots, err := d.index.Roots(ctx, warmRoots)
	if err != nil {
		warmFailed(ctx, d, "root units", err)
		return
	}
	leaders := provinceStore(d)
	for _, root := range roots {
		began := time.Now()
		// The leader's two quarters first: they cost a fraction of the
		// index page's month with its breakdowns, and a visitor who comes
		// while the warm-up runs waits for what it is computing (one
		// computation per key), then for what it has not reached.
		if err := leaders.WarmLeaderHome(ctx, root.ID); err != nil {
			warmFailed(ctx, d, "leader's home of "+root.Code, err)
			return
		}
		if err := d.index.WarmIndexPage(ctx, root); err != nil {
			warmFailed(ctx, d, "index page of "+root.Code, err)
			return
		}
		d.log.Info("warm-up: root unit", slog.String("unit", root.Code), slog.String("period", d.index.DefaultPeriod().String()),
			slog.Duration("took", time.Since(began)))
	}
	d.log.Info("warm-up done", slog.Int("roots", len(roots)), slog.Int64("indexes", d.index.IndexesComputed()),
		slog.Duration("took", time.Since(start)))
}

// warmFailed logs what the warm-up could not do, quietly at shutdown.
func warmFailed(ctx context.Context, d deps, what string, err error) {
	if ctx.Err() != nil {
		d.log.Info("warm-up stopped by shutdown", slog.String("at", what))
		return
	}
	d.log.Warn("warm-up: "+what, slog.String("error", err.Error()))
}
