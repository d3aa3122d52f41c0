package main

// Who may call the PAPI routes: every signed-in user reads the official
// results and standings (they are public data); the roles that run the PAPI
// work import them.
func init() {
	importers := []string{"admin", "leader", "focal"}
	addRouteAccess(map[string][]string{
		"GET /papi":                 signedIn,
		"GET /papi/provinces":       signedIn,
		"GET /papi/import":          importers,
		"POST /papi/import":         importers,
		"GET /api/v1/papi/standing": signedIn,
		"GET /api/v1/papi/results":  signedIn,
	})
}
