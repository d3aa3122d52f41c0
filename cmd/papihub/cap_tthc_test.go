package main

func init() {
	managers := []string{"admin", "focal", "manager"}
	addRouteAccess(map[string][]string{
		"GET /tthc":                              signedIn,
		"POST /tthc/inputs":                      managers,
		"GET /tthc/whatif":                       signedIn,
		"GET /tthc/dossiers":                     signedIn,
		"GET /tthc/dossiers/{code}":              signedIn,
		"POST /tthc/dossiers/{code}/reveal":      {"admin", "leader", "manager"},
		"GET /tthc/dossiers/{code}/forms/{form}": signedIn,
		"GET /tthc/register":                     signedIn,
		"GET /tthc/procedures":                   signedIn,
		"GET /tthc/procedures/{id}":              signedIn,
		"POST /tthc/procedures/{id}":             managers,
		"GET /tthc/calendar":                     signedIn,
		"POST /tthc/calendar":                    {"admin"},
		"POST /tthc/calendar/remove":             {"admin"},
		"POST /tthc/calendar/import":             {"admin"},
		"GET /tthc/static/":                      everyone,
		"GET /tra-cuu":                           everyone,
		"GET /api/v1/index":                      signedIn,
		"POST /api/v1/dossiers/events":           {"admin", "focal", "manager", "officer"},
		"GET /api/v1/public/dossiers/{code}":     everyone,
	})
}
