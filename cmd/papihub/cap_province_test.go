package main

// Who may call the province routes: leaders, focal officers and Home
// Affairs reviewers read the province view (each within their scope); Home
// Affairs opens rounds, reviews what units submit and issues the
// consolidated report; those who issue a unit's reports submit them.
func init() {
	readers := []string{"admin", "leader", "focal", "reviewer"}
	homeAffairs := []string{"admin", "reviewer"}
	addRouteAccess(map[string][]string{
		"GET /province":                                  readers,
		"GET /province/print":                            readers,
		"GET /province/rounds":                           readers,
		"POST /province/rounds":                          homeAffairs,
		"GET /province/rounds/{id}":                      readers,
		"POST /province/rounds/{id}/units/{unit}/submit": {"admin", "focal", "leader"},
		"POST /province/rounds/{id}/units/{unit}/review": homeAffairs,
		"POST /province/rounds/{id}/report":              homeAffairs,
		"GET /api/v1/province/summary":                   readers,
		"GET /api/v1/rounds":                             readers,
		"POST /api/v1/rounds":                            homeAffairs,
		"GET /api/v1/rounds/{id}":                        readers,
	})
}
