package main

// Who may call the survey routes. Managers (admin, focal point, division
// head) import and export; every signed-in user reads forms and results,
// narrowed to their unit's subtree in the handlers; anyone answers the public
// survey page with an invitation code.
func init() {
	managers := []string{"admin", "focal", "manager"}
	addRouteAccess(map[string][]string{
		"GET /surveys":                   signedIn,
		"GET /surveys/new":               managers,
		"POST /surveys":                  managers,
		"GET /surveys/template.xlsx":     signedIn,
		"GET /surveys/{id}":              signedIn,
		"POST /surveys/{id}/status":      managers,
		"POST /surveys/{id}/invitations": managers,
		"GET /surveys/{id}/import":       managers,
		"POST /surveys/{id}/import":      managers,
		"GET /surveys/{id}/results":      signedIn,
		"POST /surveys/{id}/results":     managers,
		"GET /surveys/{id}/export":       managers,
		"GET /khao-sat":                  everyone,
		"POST /khao-sat":                 everyone,
		"GET /khao-sat/cam-on":           everyone,
		"GET /khao-sat/{code}":           everyone,
		"POST /khao-sat/{code}":          everyone,
	})
}
