package main

// The register of issued reports is read by everyone signed in, each within
// the units they may read (a reviewer: every agency's).
func init() {
	addRouteAccess(map[string][]string{
		"GET /reports":           signedIn,
		"GET /reports/{id}/file": signedIn,
	})
}
