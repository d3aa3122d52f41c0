package main

// Who may call the inspection routes: everyone signed in reads the
// conclusions of the units they read, or of the units responsible for one
// of their recommendations (a reviewer every unit's, changing nothing);
// those who work on a unit's records enter conclusions, record the
// directive, report progress with evidence, import and keep the plan of
// checks; those who approve issue the follow-up report.
func init() {
	workers := []string{"admin", "focal", "manager", "officer"}
	addRouteAccess(map[string][]string{
		"GET /inspection":                                       signedIn,
		"GET /inspection/new":                                   workers,
		"POST /inspection":                                      workers,
		"GET /inspection/{id}":                                  signedIn,
		"POST /inspection/{id}/directive":                       workers,
		"GET /inspection/recommendations/{rid}":                 signedIn,
		"POST /inspection/recommendations/{rid}/updates":        workers,
		"GET /inspection/updates/{uid}/evidence":                signedIn,
		"GET /inspection/overdue":                               signedIn,
		"GET /inspection/checks":                                signedIn,
		"POST /inspection/checks":                               workers,
		"GET /inspection/import":                                workers,
		"POST /inspection/import":                               workers,
		"GET /inspection/report":                                signedIn,
		"GET /inspection/report/file":                           signedIn,
		"POST /inspection/report":                               {"admin", "focal", "leader"},
		"GET /api/v1/inspection/conclusions":                    signedIn,
		"POST /api/v1/inspection/conclusions":                   workers,
		"GET /api/v1/inspection/conclusions/{id}":               signedIn,
		"GET /api/v1/inspection/recommendations":                signedIn,
		"POST /api/v1/inspection/recommendations/{rid}/updates": workers,
	})
}
