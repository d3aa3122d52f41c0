package main

// Who may call the legal documents routes: everyone signed in reads the
// registers of the units they read (a reviewer every unit's, changing
// nothing); those who work on a unit's records keep its register, import
// and record reviews; those who approve issue the yearly list. The public
// API (documents in force, the yearly lists) needs no account.
func init() {
	workers := []string{"admin", "focal", "manager", "officer"}
	addRouteAccess(map[string][]string{
		"GET /legal":                                  signedIn,
		"GET /legal/new":                              workers,
		"POST /legal":                                 workers,
		"GET /legal/{id}":                             signedIn,
		"POST /legal/{id}":                            workers,
		"POST /legal/{id}/relations":                  workers,
		"POST /legal/{id}/relations/{rid}/delete":     workers,
		"POST /legal/{id}/reviews":                    workers,
		"GET /legal/import":                           workers,
		"POST /legal/import":                          workers,
		"GET /legal/expired":                          signedIn,
		"GET /legal/expired/file":                     signedIn,
		"POST /legal/expired":                         {"admin", "focal", "leader"},
		"GET /legal/system":                           signedIn,
		"GET /legal/system/file":                      signedIn,
		"GET /legal/overview":                         signedIn,
		"GET /api/v1/legal/documents":                 signedIn,
		"POST /api/v1/legal/documents":                workers,
		"GET /api/v1/legal/documents/{id}":            signedIn,
		"POST /api/v1/legal/documents/{id}/relations": workers,
		"POST /api/v1/legal/documents/{id}/reviews":   workers,
		"GET /api/v1/legal/status":                    signedIn,
		"GET /api/v1/legal/expired":                   signedIn,
		"GET /api/v1/public/legal/documents":          everyone,
		"GET /api/v1/public/legal/expired":            everyone,
	})
}
