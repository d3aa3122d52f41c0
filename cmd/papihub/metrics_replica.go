package main

import (
	"github.com/prometheus/client_golang/prometheus"

	"papihub/internal/platform/db"
)

// replicaMetrics are the read replica's series: whether it answers, how far
// behind it is, and how many heavy reads went to the primary instead (alert
// on papihub_db_replica_fallback_reads_total rising: the replica is down).
func replicaMetrics(d *db.DB) []prometheus.Collector {
	up := func() float64 {
		if d.ReplicaStats().Up {
			return 1
		}
		return 0
	}
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "papihub_db_replica_up", Help: "1 when the read replica answered its last probe.",
		}, up),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "papihub_db_replica_lag_bytes", Help: "Write-ahead log the replica has yet to replay, in bytes (-1 unknown).",
		}, func() float64 { return float64(d.ReplicaStats().LagBytes) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "papihub_db_replica_fallback_reads_total", Help: "Heavy reads sent to the primary because the replica did not answer.",
		}, func() float64 { return float64(d.ReplicaStats().Fallbacks) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "papihub_db_replica_own_write_reads_total", Help: "Heavy reads sent to the primary so a user sees their own change.",
		}, func() float64 { return float64(d.ReplicaStats().OwnWrites) }),
	}
}
