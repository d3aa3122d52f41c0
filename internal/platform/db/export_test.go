package db

import "context"

// ProbeReplica refreshes the replica's state now, for tests.
func ProbeReplica(ctx context.Context, d *DB) { d.probeReplica(ctx) }

// StopBackgroundProbes leaves replicas attached from now on to ProbeReplica
// alone, so that a test decides when the replica's state changes.
func StopBackgroundProbes(t interface{ Cleanup(func()) }) {
	old := replicaProbeEvery
	replicaProbeEvery = 1<<63 - 1
	t.Cleanup(func() { replicaProbeEvery = old })
}
