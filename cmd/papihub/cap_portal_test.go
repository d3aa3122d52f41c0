package main

// The public portal answers everyone, signed in or not: nothing on it
// belongs to anyone but the agency.
func init() {
	addRouteAccess(map[string][]string{
		"GET /cong-khai":                                         everyone,
		"GET /cong-khai/sitemap.xml":                             everyone,
		"GET /robots.txt":                                        everyone,
		"GET /cong-khai/static/portal.css":                       everyone,
		"GET /cong-khai/{agency}":                                everyone,
		"GET /cong-khai/{agency}/thu-tuc":                        everyone,
		"GET /cong-khai/{agency}/thu-tuc/{code}":                 everyone,
		"GET /cong-khai/{agency}/tra-cuu":                        everyone,
		"GET /cong-khai/{agency}/chi-so":                         everyone,
		"GET /cong-khai/{agency}/van-ban":                        everyone,
		"GET /cong-khai/{agency}/van-ban/het-hieu-luc":           everyone,
		"GET /cong-khai/{agency}/tiep-cong-dan":                  everyone,
		"GET /cong-khai/{agency}/tiep-cong-dan/lich.ics":         everyone,
		"GET /cong-khai/{agency}/gop-y":                          everyone,
		"POST /cong-khai/{agency}/gop-y":                         everyone,
		"GET /cong-khai/{agency}/gop-y/da-gui":                   everyone,
		"GET /cong-khai/{agency}/gop-y/tra-cuu":                  everyone,
		"POST /cong-khai/{agency}/gop-y/danh-gia":                everyone,
		"GET /cong-khai/{agency}/khao-sat":                       everyone,
		"GET /cong-khai/{agency}/khao-sat/{id}":                  everyone,
		"GET /cong-khai/{agency}/tra-loi":                        everyone,
		"GET /cong-khai/{agency}/tra-loi/{id}":                   everyone,
		"GET /cong-khai/{agency}/atom.xml":                       everyone,
		"GET /api/v1/public/agencies":                            everyone,
		"GET /api/v1/public/agencies/{agency}":                   everyone,
		"GET /api/v1/public/agencies/{agency}/procedures":        everyone,
		"GET /api/v1/public/agencies/{agency}/procedures/{code}": everyone,
		"GET /api/v1/public/agencies/{agency}/index":             everyone,
		"GET /api/v1/public/agencies/{agency}/legal/documents":   everyone,
		"GET /api/v1/public/agencies/{agency}/legal/expired":     everyone,
		"GET /api/v1/public/agencies/{agency}/surveys":           everyone,
		"GET /api/v1/public/agencies/{agency}/surveys/{id}":      everyone,
		"GET /api/v1/public/agencies/{agency}/answers":           everyone,
		"GET /api/v1/public/agencies/{agency}/answers/{id}":      everyone,
		"GET /api/v1/public/agencies/{agency}/reports":           everyone,

		// the PAPI plan in the portal's API
		"GET /api/v1/public/agencies/{agency}/plans":                         everyone,
		"GET /api/v1/public/agencies/{agency}/plans/{plan}":                  everyone,
		"GET /api/v1/public/agencies/{agency}/plans/{plan}/reports/{report}": everyone,

		// What an agency publishes about itself is entered by those who
		// manage its data.
		"GET /cong-khai/{agency}/ke-hoach":                         everyone,
		"GET /cong-khai/{agency}/ke-hoach/{plan}":                  everyone,
		"GET /cong-khai/{agency}/ke-hoach/{plan}/bao-cao/{report}": everyone,
		"GET /portal/profile":                                      {"admin", "focal", "manager"},
		"POST /portal/profile":                                     {"admin", "focal", "manager"},
	})
}
