package main

// Who may call the citizen-reception routes: everyone signed in reads the
// logbooks of the units they read (a reviewer every unit's, changing
// nothing); the desk and the officers (admin, focal, manager, officer)
// write entries, take the steps of cases and keep the schedule; a leader
// and those who may see personal data ask for a reveal, which the handler
// grants by the law's rules (a denouncer's identity only to the case's
// handler and the head). The portal's API needs no account.
func init() {
	workers := []string{"admin", "focal", "manager", "officer"}
	addRouteAccess(map[string][]string{
		"GET /reception":                          signedIn,
		"GET /reception/new":                      workers,
		"POST /reception":                         workers,
		"GET /reception/entries/{id}":             signedIn,
		"POST /reception/entries/{id}/reveal":     {"admin", "leader", "manager", "officer"},
		"POST /reception/entries/{id}/handle":     workers,
		"GET /reception/cases":                    signedIn,
		"GET /reception/cases/{id}":               signedIn,
		"POST /reception/cases/{id}/steps":        workers,
		"POST /reception/cases/{id}/rating":       workers,
		"GET /reception/schedule":                 signedIn,
		"GET /reception/schedule/mine":            signedIn,
		"POST /reception/schedule":                workers,
		"GET /reception/report":                   signedIn,
		"GET /reception/report/file":              signedIn,
		"GET /reception/logbook/file":             signedIn,
		"POST /reception/report":                  {"admin", "focal", "leader"},
		"GET /api/v1/reception/entries":           signedIn,
		"POST /api/v1/reception/entries":          workers,
		"GET /api/v1/reception/cases":             signedIn,
		"GET /api/v1/reception/cases/{id}":        signedIn,
		"POST /api/v1/reception/cases/{id}/steps": workers,
		"GET /api/v1/public/reception/schedule":   everyone,
		"GET /api/v1/public/reception/figures":    everyone,
		"GET /api/v1/public/reception/lookup":     everyone,
		"POST /api/v1/public/reception/rating":    everyone,
	})
}
