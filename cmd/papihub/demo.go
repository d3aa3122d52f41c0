package main

import (
	"context"

	"papihub/internal/platform/db"
)


// demoLoaders add each capability's demo data after the organisation exists
// (plans, procedures and dossiers, PAPI results). They run once, in order,
// the first time serve --demo meets an empty database.
var demoLoaders []func(ctx context.Context, conn *db.DB) error
