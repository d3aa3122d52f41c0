package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/legaldoc"
	"papihub/internal/org"
	"papihub/internal/platform/secret"
	"papihub/internal/survey"
	"papihub/internal/tthc"
)

// The permission matrix (issue 9): every route × every role × a record of
// the caller's own unit, of another unit, of the parent, of a child and of
// the closed unit the caller's unit succeeded, for reads and writes, web and
// API. What each call should answer comes from one table, accessRules: the
// action a route takes on the unit of the record its path names. A route
// without a rule fails the test.

// accessRule is what calling a route takes.
type accessRule struct {
	public bool       // anyone, signed in or not
	act    org.Action // the action on the record's unit (or, with no record, somewhere)
	roles  []string   // instead of act: the roles of a province-wide page
	res    string     // the kind of record the path names ("" for none)
}

func on(act org.Action) accessRule { return accessRule{act: act} }

// of says the path names a record of kind res, whose unit the rule's
// action applies to.
func (r accessRule) of(res string) accessRule { r.res = res; return r }

var (
	public = accessRule{public: true}
	// The province's consolidation rounds and dashboard: leaders, focal
	// points and Home Affairs reviewers of the province.
	provinceReaders = accessRule{roles: []string{"admin", "leader", "focal", "reviewer"}}
	// Home Affairs opens rounds, reviews what units submit and reports.
	roundKeepers = accessRule{roles: []string{"admin", "reviewer"}}
	// A reception entry's personal data: those who handle citizens' cases.
	receptionRevealers = accessRule{roles: []string{"admin", "leader", "manager", "officer"}}
)

// rolesFor are the roles that may call a route under rule r somewhere.
func (r accessRule) rolesFor() []string {
	switch {
	case r.public:
		return everyone
	case r.roles != nil:
		return r.roles
	}
	var out []string
	for _, role := range signedIn {
		u := &org.User{UnitPath: "/1/", Roles: []org.Role{org.Role(role)}, Active: true}
		if u.Can(r.act, "/1/") {
			out = append(out, role)
		}
	}
	return out
}

var accessRules = map[string]accessRule{
	"GET /account":                                             on(org.ActRead),
	"POST /account/password":                                   on(org.ActRead),
	"GET /admin/audit":                                         on(org.ActAdmin),
	"GET /admin/tokens":                                        on(org.ActAdmin),
	"POST /admin/tokens":                                       on(org.ActAdmin),
	"POST /admin/tokens/{id}/revoke":                           on(org.ActAdmin).of("token"),
	"GET /admin/units":                                         on(org.ActAdmin),
	"POST /admin/units":                                        on(org.ActAdmin),
	"GET /admin/units/new":                                     on(org.ActAdmin),
	"GET /admin/units/{id}":                                    on(org.ActAdmin).of("unit"),
	"POST /admin/units/{id}":                                   on(org.ActAdmin).of("unit"),
	"POST /admin/units/{id}/close":                             on(org.ActAdmin).of("unit"),
	"GET /admin/users":                                         on(org.ActAdmin),
	"POST /admin/users":                                        on(org.ActAdmin),
	"GET /admin/users/new":                                     on(org.ActAdmin),
	"GET /admin/users/{id}":                                    on(org.ActAdmin).of("user"),
	"POST /admin/users/{id}":                                   on(org.ActAdmin).of("user"),
	"POST /admin/users/{id}/password":                          on(org.ActAdmin).of("user"),
	"POST /api/v1/dossiers/events":                             on(org.ActWork),
	"GET /api/v1/index":                                        on(org.ActRead),
	"GET /api/v1/inspection/conclusions":                       on(org.ActRead),
	"POST /api/v1/inspection/conclusions":                      on(org.ActWork),
	"GET /api/v1/inspection/conclusions/{id}":                  on(org.ActRead).of("conclusion"),
	"GET /api/v1/inspection/recommendations":                   on(org.ActRead),
	"POST /api/v1/inspection/recommendations/{rid}/updates":    on(org.ActWork).of("recommendation"),
	"GET /api/v1/instances/{id}":                               on(org.ActRead).of("instance"),
	"POST /api/v1/instances/{id}/review":                       on(org.ActApprove).of("instance"),
	"GET /api/v1/instances/{id}/updates":                       on(org.ActRead).of("instance"),
	"POST /api/v1/instances/{id}/updates":                      on(org.ActWork).of("instance"),
	"GET /api/v1/legal/documents":                              on(org.ActRead),
	"POST /api/v1/legal/documents":                             on(org.ActWork),
	"GET /api/v1/legal/documents/{id}":                         on(org.ActRead).of("legaldoc"),
	"POST /api/v1/legal/documents/{id}/relations":              on(org.ActWork).of("legaldoc"),
	"POST /api/v1/legal/documents/{id}/reviews":                on(org.ActWork).of("legaldoc"),
	"GET /api/v1/legal/expired":                                on(org.ActRead),
	"GET /api/v1/legal/status":                                 on(org.ActRead),
	"GET /api/v1/me":                                           on(org.ActRead),
	"GET /api/v1/openapi.json":                                 public,
	"GET /api/v1/papi/results":                                 on(org.ActRead),
	"GET /api/v1/papi/standing":                                on(org.ActRead),
	"GET /api/v1/plans":                                        on(org.ActRead),
	"POST /api/v1/plans":                                       on(org.ActManage),
	"DELETE /api/v1/plans/{id}":                                on(org.ActManage).of("plan"),
	"GET /api/v1/plans/{id}":                                   on(org.ActRead).of("plan"),
	"PUT /api/v1/plans/{id}":                                   on(org.ActManage).of("plan"),
	"GET /api/v1/plans/{id}/instances":                         on(org.ActRead).of("plan"),
	"GET /api/v1/plans/{id}/tasks":                             on(org.ActRead).of("plan"),
	"POST /api/v1/plans/{id}/tasks":                            on(org.ActManage).of("plan"),
	"GET /api/v1/province/summary":                             provinceReaders,
	"GET /api/v1/public/dossiers/{code}":                       public,
	"GET /api/v1/public/legal/documents":                       public,
	"GET /api/v1/public/legal/expired":                         public,
	"GET /api/v1/public/reception/figures":                     public,
	"GET /api/v1/public/reception/schedule":                    public,
	"GET /api/v1/public/reception/lookup":                      public,
	"POST /api/v1/public/reception/rating":                     public,
	"GET /api/v1/reception/cases":                              on(org.ActRead),
	"GET /api/v1/reception/cases/{id}":                         on(org.ActRead).of("reception_case"),
	"POST /api/v1/reception/cases/{id}/steps":                  on(org.ActWork).of("reception_case"),
	"GET /api/v1/reception/entries":                            on(org.ActRead),
	"POST /api/v1/reception/entries":                           on(org.ActWork),
	"GET /api/v1/rounds":                                       provinceReaders,
	"POST /api/v1/rounds":                                      roundKeepers,
	"GET /api/v1/rounds/{id}":                                  provinceReaders.of("round"),
	"DELETE /api/v1/tasks/{id}":                                on(org.ActManage).of("task"),
	"GET /api/v1/tasks/{id}":                                   on(org.ActRead).of("task"),
	"PUT /api/v1/tasks/{id}":                                   on(org.ActManage).of("task"),
	"GET /api/v1/units":                                        on(org.ActRead),
	"POST /api/v1/units":                                       on(org.ActAdmin),
	"GET /api/v1/units/{id}":                                   on(org.ActRead).of("unit"),
	"PUT /api/v1/units/{id}":                                   on(org.ActAdmin).of("unit"),
	"GET /api/v1/users":                                        on(org.ActAdmin),
	"POST /api/v1/users":                                       on(org.ActAdmin),
	"GET /api/v1/users/{id}":                                   on(org.ActAdmin).of("user"),
	"GET /cong-khai":                                           public,
	"GET /cong-khai/static/portal.css":                         public,
	"GET /cong-khai/sitemap.xml":                               public,
	"GET /robots.txt":                                          public,
	"GET /cong-khai/{agency}":                                  public,
	"GET /cong-khai/{agency}/chi-so":                           public,
	"GET /cong-khai/{agency}/gop-y":                            public,
	"POST /cong-khai/{agency}/gop-y":                           public,
	"GET /cong-khai/{agency}/gop-y/da-gui":                     public,
	"GET /cong-khai/{agency}/gop-y/tra-cuu":                    public,
	"POST /cong-khai/{agency}/gop-y/danh-gia":                  public,
	"GET /cong-khai/{agency}/thu-tuc":                          public,
	"GET /cong-khai/{agency}/thu-tuc/{code}":                   public,
	"GET /cong-khai/{agency}/tiep-cong-dan":                    public,
	"GET /cong-khai/{agency}/tiep-cong-dan/lich.ics":           public,
	"GET /cong-khai/{agency}/tra-cuu":                          public,
	"GET /cong-khai/{agency}/van-ban":                          public,
	"GET /cong-khai/{agency}/van-ban/het-hieu-luc":             public,
	"GET /cong-khai/{agency}/ke-hoach":                         public,
	"GET /cong-khai/{agency}/ke-hoach/{plan}":                  public,
	"GET /cong-khai/{agency}/ke-hoach/{plan}/bao-cao/{report}": public,
	"GET /cong-khai/{agency}/khao-sat":                         public,
	"GET /cong-khai/{agency}/khao-sat/{id}":                    public,
	"GET /cong-khai/{agency}/tra-loi":                          public,
	"GET /cong-khai/{agency}/tra-loi/{id}":                     public,
	"GET /cong-khai/{agency}/atom.xml":                         public,
	"GET /api/v1/public/agencies":                              public,
	"GET /api/v1/public/agencies/{agency}":                     public,
	"GET /api/v1/public/agencies/{agency}/procedures":          public,
	"GET /api/v1/public/agencies/{agency}/procedures/{code}":   public,
	"GET /api/v1/public/agencies/{agency}/index":               public,
	"GET /api/v1/public/agencies/{agency}/legal/documents":     public,
	"GET /api/v1/public/agencies/{agency}/legal/expired":       public,
	"GET /api/v1/public/agencies/{agency}/surveys":             public,
	"GET /api/v1/public/agencies/{agency}/surveys/{id}":        public,
	"GET /api/v1/public/agencies/{agency}/answers":             public,
	"GET /api/v1/public/agencies/{agency}/answers/{id}":        public,
	"GET /api/v1/public/agencies/{agency}/reports":             public,
	"GET /portal/profile":                                      on(org.ActManage),
	"POST /portal/profile":                                     on(org.ActManage),
	"GET /evidence/{id}":                                       on(org.ActRead).of("evidence"),
	"GET /healthz":                                             public,
	"GET /inspection":                                          on(org.ActRead),
	"POST /inspection":                                         on(org.ActWork),
	"GET /inspection/checks":                                   on(org.ActRead),
	"POST /inspection/checks":                                  on(org.ActWork),
	"GET /inspection/import":                                   on(org.ActWork),
	"POST /inspection/import":                                  on(org.ActWork),
	"GET /inspection/new":                                      on(org.ActWork),
	"GET /inspection/overdue":                                  on(org.ActRead),
	"GET /inspection/recommendations/{rid}":                    on(org.ActRead).of("recommendation"),
	"POST /inspection/recommendations/{rid}/updates":           on(org.ActWork).of("recommendation"),
	"GET /inspection/report":                                   on(org.ActRead),
	"POST /inspection/report":                                  on(org.ActApprove),
	"GET /inspection/report/file":                              on(org.ActRead),
	"GET /inspection/updates/{uid}/evidence":                   on(org.ActRead).of("inspection_update"),
	"GET /inspection/{id}":                                     on(org.ActRead).of("conclusion"),
	"POST /inspection/{id}/directive":                          on(org.ActWork).of("conclusion"),
	"GET /instances/{id}":                                      on(org.ActRead).of("instance"),
	"POST /instances/{id}/review":                              on(org.ActApprove).of("instance"),
	"POST /instances/{id}/updates":                             on(org.ActWork).of("instance"),
	"GET /khao-sat":                                            public,
	"POST /khao-sat":                                           public,
	"GET /khao-sat/cam-on":                                     public,
	"GET /khao-sat/{code}":                                     public,
	"POST /khao-sat/{code}":                                    public,
	"POST /lang":                                               public,
	"GET /legal":                                               on(org.ActRead),
	"POST /legal":                                              on(org.ActWork),
	"GET /legal/expired":                                       on(org.ActRead),
	"POST /legal/expired":                                      on(org.ActApprove),
	"GET /legal/expired/file":                                  on(org.ActRead),
	"GET /legal/import":                                        on(org.ActWork),
	"POST /legal/import":                                       on(org.ActWork),
	"GET /legal/new":                                           on(org.ActWork),
	"GET /legal/overview":                                      on(org.ActRead),
	"GET /legal/system":                                        on(org.ActRead),
	"GET /legal/system/file":                                   on(org.ActRead),
	"GET /legal/{id}":                                          on(org.ActRead).of("legaldoc"),
	"POST /legal/{id}":                                         on(org.ActWork).of("legaldoc"),
	"POST /legal/{id}/relations":                               on(org.ActWork).of("legaldoc"),
	"POST /legal/{id}/relations/{rid}/delete":                  on(org.ActWork).of("legaldoc"),
	"POST /legal/{id}/reviews":                                 on(org.ActWork).of("legaldoc"),
	"GET /login":                                               public,
	"POST /login":                                              public,
	"POST /logout":                                             on(org.ActRead),
	"GET /metrics":                                             public,
	"GET /notifications":                                       on(org.ActRead),
	"POST /notifications/read":                                 on(org.ActRead),
	"GET /papi":                                                on(org.ActRead),
	"GET /papi/import":                                         on(org.ActApprove),
	"POST /papi/import":                                        on(org.ActApprove),
	"GET /papi/provinces":                                      on(org.ActRead),
	"GET /plans":                                               on(org.ActRead),
	"POST /plans":                                              on(org.ActManage),
	"GET /plans/framework":                                     on(org.ActRead),
	"GET /plans/new":                                           on(org.ActManage),
	"POST /plans/parse":                                        on(org.ActManage),
	"POST /plans/template":                                     on(org.ActManage),
	"GET /plans/{id}":                                          on(org.ActRead).of("plan"),
	"POST /plans/{id}":                                         on(org.ActManage).of("plan"),
	"GET /plans/{id}/calendar":                                 on(org.ActRead).of("plan"),
	"POST /plans/{id}/derive":                                  on(org.ActManage).of("plan"),
	"GET /plans/{id}/edit":                                     on(org.ActManage).of("plan"),
	"GET /plans/{id}/export.xlsx":                              on(org.ActRead).of("plan"),
	"GET /plans/{id}/overdue":                                  on(org.ActRead).of("plan"),
	"GET /plans/{id}/overview":                                 on(org.ActRead).of("plan"),
	"GET /plans/{id}/reports":                                  on(org.ActRead).of("plan"),
	"POST /plans/{id}/reports":                                 on(org.ActApprove).of("plan"),
	"GET /plans/{id}/rollup":                                   on(org.ActRead).of("plan"),
	"POST /plans/{id}/status":                                  on(org.ActManage).of("plan"),
	"POST /plans/{id}/tasks":                                   on(org.ActManage).of("plan"),
	"GET /plans/{id}/tasks/new":                                on(org.ActManage).of("plan"),
	"GET /province":                                            provinceReaders,
	"GET /province/print":                                      provinceReaders,
	"GET /province/rounds":                                     provinceReaders,
	"POST /province/rounds":                                    roundKeepers,
	"GET /province/rounds/{id}":                                provinceReaders.of("round"),
	"POST /province/rounds/{id}/report":                        roundKeepers.of("round"),
	"POST /province/rounds/{id}/units/{unit}/review":           roundKeepers.of("round"),
	"POST /province/rounds/{id}/units/{unit}/submit":           on(org.ActApprove).of("round"),
	"GET /readyz":                                              public,
	"GET /reception":                                           on(org.ActRead),
	"POST /reception":                                          on(org.ActWork),
	"GET /reception/cases":                                     on(org.ActRead),
	"GET /reception/cases/{id}":                                on(org.ActRead).of("reception_case"),
	"POST /reception/cases/{id}/rating":                        on(org.ActWork).of("reception_case"),
	"POST /reception/cases/{id}/steps":                         on(org.ActWork).of("reception_case"),
	"GET /reception/entries/{id}":                              on(org.ActRead).of("reception_entry"),
	"POST /reception/entries/{id}/handle":                      on(org.ActWork).of("reception_entry"),
	"POST /reception/entries/{id}/reveal":                      receptionRevealers.of("reception_entry"),
	"GET /reception/new":                                       on(org.ActWork),
	"GET /reception/report":                                    on(org.ActRead),
	"POST /reception/report":                                   on(org.ActApprove),
	"GET /reception/report/file":                               on(org.ActRead),
	"GET /reception/logbook/file":                              on(org.ActRead),
	"GET /reception/schedule":                                  on(org.ActRead),
	"GET /reception/schedule/mine":                             on(org.ActRead),
	"POST /reception/schedule":                                 on(org.ActWork),
	"GET /reports":                                             on(org.ActRead),
	"GET /reports/{id}/file":                                   on(org.ActRead).of("report"),
	"GET /static/":                                             public,
	"GET /surveys":                                             on(org.ActRead),
	"POST /surveys":                                            on(org.ActManage),
	"GET /surveys/new":                                         on(org.ActManage),
	"GET /surveys/template.xlsx":                               on(org.ActRead),
	"GET /surveys/{id}":                                        on(org.ActRead).of("survey"),
	"GET /surveys/{id}/export":                                 on(org.ActManage).of("survey"),
	"GET /surveys/{id}/import":                                 on(org.ActManage).of("survey"),
	"POST /surveys/{id}/import":                                on(org.ActManage).of("survey"),
	"POST /surveys/{id}/invitations":                           on(org.ActManage).of("survey"),
	"GET /surveys/{id}/results":                                on(org.ActRead).of("survey"),
	"POST /surveys/{id}/results":                               on(org.ActManage).of("survey"),
	"POST /surveys/{id}/status":                                on(org.ActManage).of("survey"),
	"GET /tasks/mine":                                          on(org.ActRead),
	"GET /tasks/{id}":                                          on(org.ActRead).of("task"),
	"POST /tasks/{id}":                                         on(org.ActManage).of("task"),
	"GET /tra-cuu":                                             public,
	"GET /tthc":                                                on(org.ActRead),
	"GET /tthc/calendar":                                       on(org.ActRead),
	"POST /tthc/calendar":                                      on(org.ActAdmin),
	"POST /tthc/calendar/import":                               on(org.ActAdmin),
	"POST /tthc/calendar/remove":                               on(org.ActAdmin),
	"GET /tthc/dossiers":                                       on(org.ActRead),
	"GET /tthc/dossiers/{code}":                                on(org.ActRead).of("dossier"),
	"GET /tthc/dossiers/{code}/forms/{form}":                   on(org.ActRead).of("dossier"),
	"POST /tthc/dossiers/{code}/reveal":                        on(org.ActReveal).of("dossier"),
	"POST /tthc/inputs":                                        on(org.ActManage),
	"GET /tthc/procedures":                                     on(org.ActRead),
	"GET /tthc/procedures/{id}":                                on(org.ActRead).of("procedure"),
	"POST /tthc/procedures/{id}":                               on(org.ActManage).of("procedure"),
	"GET /tthc/register":                                       on(org.ActRead),
	"GET /tthc/static/":                                        public,
	"GET /tthc/whatif":                                         on(org.ActRead),
	"GET /{$}":                                                 on(org.ActRead),

	// the PAPI plan in the portal's JSON API
	"GET /api/v1/public/agencies/{agency}/plans":                         public,
	"GET /api/v1/public/agencies/{agency}/plans/{plan}":                  public,
	"GET /api/v1/public/agencies/{agency}/plans/{plan}/reports/{report}": public,
}

func TestEveryRouteHasOneAccessRuleAndItAgreesWithTheRouteTable(t *testing.T) {
	ts := newTestServer(t)
	registered := map[string]bool{}
	for _, rt := range ts.app.Routes() {
		registered[rt.Pattern] = true
		rule, ok := accessRules[rt.Pattern]
		if !ok {
			t.Errorf("route %q has no entry in accessRules (cmd/papihub/permission_matrix_test.go): say which action it takes on the unit of which record", rt.Pattern)
			continue
		}
		if want := routeAccess[rt.Pattern]; !sameRoles(rule.rolesFor(), want) {
			t.Errorf("%s: accessRules lets %v call it, routeAccess %v", rt.Pattern, rule.rolesFor(), want)
		}
		if strings.Contains(rt.Pattern, "{") && !rule.public && rule.roles == nil && rule.res == "" && rt.Pattern != "GET /{$}" {
			t.Errorf("%s names a record but its rule names no kind of record", rt.Pattern)
		}
	}
	for pattern := range accessRules {
		if !registered[pattern] {
			t.Errorf("accessRules lists %q, which is not registered", pattern)
		}
	}
}

func sameRoles(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}

// matrixUnits hold one record of each kind: seen from the demo users they
// are each relation the matrix needs (the division chuyenvien and
// truongphong work in has a parent, siblings and a closed predecessor; the
// department of the leader, the focal point and the viewer has children
// and a closed predecessor; the reviewer's Home Affairs is another unit to
// all of them).
var matrixUnits = []string{
	"000.00.00.H33", // the province, parent of the departments
	"000.01.00.H33", // Sở Nội vụ
	"000.07.00.H33", // Sở Khoa học và Công nghệ
	"000.07.01.H33", // its Office, a sibling of the division below
	"000.07.06.H33", // its digital transformation division
	"000.10.00.H33", // Sở Thông tin và Truyền thông, closed, merged into Sở KH&CN
	"000.10.04.H33", // its IT division, closed, succeeded by 000.07.06.H33
}

// matrixFixtures puts one record of each kind the matrix covers in each
// matrix unit, and returns, by kind and unit code, the value its paths
// take. A record is made where the store makes it, then moved to its unit
// with one UPDATE when the store would not make it there (a closed unit).
func matrixFixtures(t *testing.T, ts *testServer) (map[string]map[string]string, map[string]func(code string) string) {
	t.Helper()
	ctx := context.Background()
	units := map[string]org.Unit{}
	for _, code := range matrixUnits {
		u, err := ts.org.UnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		units[code] = u
	}
	rehome := func(table string, id int64, code string) {
		if _, err := ts.db.W.ExecContext(ctx, "UPDATE "+table+" SET unit_id = $1 WHERE id = $2", units[code].ID, id); err != nil {
			t.Fatalf("%s %d to %s: %v", table, id, code, err)
		}
	}
	out := map[string]map[string]string{}
	put := func(kind, code, v string) {
		if out[kind] == nil {
			out[kind] = map[string]string{}
		}
		out[kind][code] = v
	}
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	dossiers := tthc.NewStore(ts.db, box, nil)
	if _, err := dossiers.CreateProcedure(ctx, audit.CLI(), tthc.Procedure{UnitID: units["000.00.00.H33"].ID, Code: "1.000001", Name: "Thủ tục chung",
		Field: "Nội vụ", Statutory: tthc.ProcessingTime{Amount: 5, Unit: tthc.UnitWorkingDays}, Online: tthc.OnlineFull}); err != nil {
		t.Fatal(err)
	}
	im, err := dossiers.NewImporter(ctx, audit.CLI(), "matrix", "")
	if err != nil {
		t.Fatal(err)
	}
	register, err := os.ReadFile("../../internal/legaldoc/testdata/register_basic.csv")
	if err != nil {
		t.Fatal(err)
	}
	legal := legaldoc.NewStore(ts.db, nil)
	surveys := survey.NewStore(ts.db, nil)
	for i, code := range matrixUnits {
		u := units[code]
		put("unit", code, itoa(u.ID))

		d := tthc.Dossier{Code: code + "-260803-0001", ProcedureCode: "1.000001", UnitID: code, Channel: tthc.ChannelInPerson,
			ReceivedAt: at(t, "2026-08-03T02:00:00Z"), Events: []tthc.Event{{Status: tthc.StatusReceived, At: at(t, "2026-08-03T02:00:00Z")}}}
		if res, err := im.Apply(ctx, []tthc.Incoming{{Line: 1, Dossier: d, Applicant: "Nguyễn Văn An", IDNumber: "033090001234"}}); err != nil || res.Imported != 1 {
			t.Fatalf("dossier of %s: %+v %v", code, res, err)
		}
		put("dossier", code, d.Code)

		pid, err := dossiers.CreateProcedure(ctx, audit.CLI(), tthc.Procedure{UnitID: units["000.07.00.H33"].ID, Code: fmt.Sprintf("2.%06d", i),
			Name: "Thủ tục " + code, Field: "Bưu chính", Statutory: tthc.ProcessingTime{Amount: 5, Unit: tthc.UnitWorkingDays}, Online: tthc.OnlineNone})
		if err != nil {
			t.Fatal(err)
		}
		rehome("tthc_procedures", pid, code)
		put("procedure", code, itoa(pid))

		dec, err := legaldoc.NewDecoder(bytes.NewReader(register), "csv")
		if err != nil {
			t.Fatal(err)
		}
		if rep, err := legal.Import(ctx, audit.CLI(), u.ID, dec, false); err != nil || !rep.Applied {
			t.Fatalf("legal register of %s: %+v %v", code, rep, err)
		}
		dec.Close()
		var doc int64
		if err := ts.db.R.QueryRowContext(ctx, "SELECT MIN(id) FROM legal_documents WHERE unit_id = $1", u.ID).Scan(&doc); err != nil {
			t.Fatal(err)
		}
		put("legaldoc", code, itoa(doc))

		form, err := surveys.CreateForm(ctx, audit.CLI(), units["000.07.00.H33"].ID, survey.BuiltinPAPIForm(), survey.StatusOpen, nil)
		if err != nil {
			t.Fatal(err)
		}
		rehome("survey_forms", form, code)
		put("survey", code, itoa(form))

		user, err := ts.org.CreateUser(ctx, audit.System, org.UserInput{Username: fmt.Sprintf("matrix%d", i), FullName: "Người dùng " + code,
			UnitID: units["000.07.00.H33"].ID, Roles: []org.Role{org.RoleViewer}, Password: testPassword, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		rehome("users", user, code)
		put("user", code, itoa(user))
		if _, err := ts.org.CreateToken(ctx, audit.System, user, "matrix"); err != nil {
			t.Fatal(err)
		}
		var token int64
		if err := ts.db.R.QueryRowContext(ctx, "SELECT id FROM api_tokens WHERE user_id = $1", user).Scan(&token); err != nil {
			t.Fatal(err)
		}
		put("token", code, itoa(token))

		plan := matrixPlan(t, ts, units[code], code)
		put("plan", code, itoa(plan))
		put("task", code, itoa(firstOf(t, ts, "tasks", plan)))
		put("instance", code, itoa(firstOf(t, ts, "task_instances", plan)))
	}
	// Deleting a plan or a task removes the record: the matrix makes another.
	registerFixtures(t, ts, units, put)
	// A new plan gives the unit's task and instance records too (deleting a
	// plan deletes them).
	fresh := func(code string) int64 {
		plan := matrixPlan(t, ts, units[code], code)
		put("task", code, itoa(firstOf(t, ts, "tasks", plan)))
		put("instance", code, itoa(firstOf(t, ts, "task_instances", plan)))
		return plan
	}
	remake := map[string]func(string) string{
		"plan": func(code string) string { return itoa(fresh(code)) },
		"task": func(code string) string { fresh(code); return out["task"][code] },
	}
	return out, remake
}

// firstOf is the first row of table belonging to plan.
func firstOf(t *testing.T, ts *testServer, table string, plan int64) int64 {
	t.Helper()
	var id int64
	if err := ts.db.R.QueryRowContext(context.Background(), "SELECT MIN(id) FROM "+table+" WHERE plan_id = $1", plan).Scan(&id); err != nil {
		t.Fatalf("%s of plan %d: %v", table, plan, err)
	}
	return id
}

// matrixPlan is a plan of unit whose tasks the unit leads (made by the
// department's focal point, then moved): a plan is also partly readable
// by the units leading its tasks, which the matrix does not vary.
func matrixPlan(t *testing.T, ts *testServer, unit org.Unit, code string) int64 {
	t.Helper()
	id, _ := createPlanAPI(t, ts, ts.client(t, "vanphong"), "")
	for _, q := range []string{"UPDATE plans SET unit_id = $1 WHERE id = $2", "UPDATE tasks SET lead_unit_id = $1 WHERE plan_id = $2",
		"UPDATE task_instances SET lead_unit_id = $1 WHERE plan_id = $2"} {
		if _, err := ts.db.W.ExecContext(context.Background(), q, unit.ID, id); err != nil {
			t.Fatalf("plan to %s: %v", code, err)
		}
	}
	return id
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// relation names where the unit at path stands from user's unit, for the
// failure messages and the coverage check.
func relation(user *org.User, unit org.Unit) string {
	switch {
	case unit.Path == user.UnitPath:
		return "own"
	case org.InSubtree(unit.Path, user.UnitPath):
		return "child"
	case org.InSubtree(user.UnitPath, unit.Path):
		return "parent"
	case unit.SuccessorID != 0 && (unit.SuccessorID == user.UnitID || strings.Contains(user.UnitPath, "/"+itoa(unit.SuccessorID)+"/")):
		return "closed predecessor" // of the user's unit or of a unit above it
	case slices.ContainsFunc(user.Predecessors, func(p string) bool { return org.InSubtree(unit.Path, p) }):
		return "closed predecessor" // of a unit under the user's
	}
	return "other"
}

// matrixParams are values for the path parameters the matrix does not vary.
var matrixParams = map[string]string{"form": "01"}

func TestThePermissionMatrix(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	fixtures, remake := matrixFixtures(t, ts)
	users := map[string]*org.User{}
	clients := map[string]*client{}
	for _, role := range signedIn {
		u, err := ts.org.UserByUsername(ctx, demoUserOfRole[role])
		if err != nil {
			t.Fatal(err)
		}
		users[role], clients[role] = u, ts.client(t, u.Username)
	}
	units := map[string]org.Unit{}
	for _, code := range matrixUnits {
		u, err := ts.org.UnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		units[code] = u
	}
	var patterns []string
	for _, rt := range ts.app.Routes() {
		patterns = append(patterns, rt.Pattern)
	}
	sort.Slice(patterns, func(i, j int) bool { // deletions last: they remove their record
		di, dj := strings.HasPrefix(patterns[i], "DELETE "), strings.HasPrefix(patterns[j], "DELETE ")
		if di != dj {
			return dj
		}
		return patterns[i] < patterns[j]
	})
	covered := map[string]map[string]bool{}
	var unitLevel, roleLevel, calls int
	uncovered := map[string]bool{}
	for _, pattern := range patterns {
		rule, ok := accessRules[pattern]
		if !ok {
			continue // reported by TestEveryRouteHasOneAccessRuleAndItAgreesWithTheRouteTable
		}
		method, path, _ := strings.Cut(pattern, " ")
		records := fixtures[rule.res]
		if rule.res != "" && records == nil {
			uncovered[rule.res] = true
		}
		if records == nil || rule.roles != nil {
			roleLevel++
			continue // the role dimension is TestEveryRouteAnswersEachRoleAsDeclared's
		}
		unitLevel++
		param := resourceParam(path)
		for _, role := range signedIn {
			user := users[role]
			for _, code := range matrixUnits {
				value, ok := records[code]
				if !ok {
					continue
				}
				unit := units[code]
				rel := relation(user, unit)
				if covered[rule.res] == nil {
					covered[rule.res] = map[string]bool{}
				}
				covered[rule.res][rel] = true
				want := rule.public || user.Can(rule.act, unit.Path)
				concrete := strings.Replace(path, param, value, 1)
				for k, v := range matrixParams {
					concrete = strings.ReplaceAll(concrete, "{"+k+"}", v)
				}
				otherParams := strings.Contains(concrete, "{")
				concrete = concretePath(concrete)
				status := matrixCall(t, clients[role], method, concrete)
				calls++
				if method == http.MethodDelete && status < 300 && remake[rule.res] != nil {
					records[code] = remake[rule.res](code)
				}
				denied := status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound || status == -1
				switch {
				case status >= 500:
					t.Errorf("%s as %s on a record of %s (%s, %s): %d", pattern, role, code, rel, concrete, status)
				case want && denied && !(status == http.StatusNotFound && otherParams):
					t.Errorf("%s as %s on a record of the %s unit %s: %d, want allowed", pattern, role, rel, code, status)
				case !want && !denied:
					t.Errorf("%s as %s on a record of the %s unit %s: %d, want refused (403 or 404)", pattern, role, rel, code, status)
				}
			}
		}
	}
	for kind, rels := range covered {
		for _, rel := range []string{"own", "other", "parent", "child", "closed predecessor"} {
			if !rels[rel] {
				t.Errorf("records of kind %s are never in a %s unit of a demo user: the matrix misses a case", kind, rel)
			}
		}
	}
	var missing []string
	for k := range uncovered {
		missing = append(missing, k)
	}
	sort.Strings(missing)
	t.Logf("%d routes checked unit by unit (%d calls), %d by role only; kinds of record without a fixture yet: %s",
		unitLevel, calls, roleLevel, strings.Join(missing, ", "))
}

// resourceParam is the path parameter naming the route's record: the first.
func resourceParam(path string) string {
	i := strings.Index(path, "{")
	if i < 0 {
		return ""
	}
	j := strings.Index(path[i:], "}")
	return path[i : i+j+1]
}

// matrixCall calls path as c with an empty body and returns the status, or
// -1 for a redirect to the sign-in page.
func matrixCall(t *testing.T, c *client, method, path string) int {
	t.Helper()
	var resp *http.Response
	switch {
	case method == http.MethodGet:
		resp = c.get(t, path)
	case strings.HasPrefix(path, "/api/"):
		resp = c.do(t, method, path, "application/json", "{}")
	default:
		resp = c.postForm(t, path, nil)
	}
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		return -1
	}
	return resp.StatusCode
}

// registerFixtures adds the reception and inspection records: the demo
// registers of the department, copied row by row into each other matrix
// unit (cloneRow). The reception record is a petition: a denunciation is
// readable only by whoever handles it, a rule the matrix does not vary.
func registerFixtures(t *testing.T, ts *testServer, units map[string]org.Unit, put func(kind, code, v string)) {
	t.Helper()
	ctx := context.Background()
	d := deps{db: ts.db, org: ts.org, secret: mustBox(t), dataDir: t.TempDir()}.complete()
	if err := loadReceptionDemo(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := loadInspectionDemo(ctx, d); err != nil {
		t.Fatal(err)
	}
	dept := units["000.07.00.H33"].ID
	var entry, kase, conclusion, rec int64
	if err := ts.db.R.QueryRowContext(ctx, `SELECT e.id, c.id FROM reception_entries e JOIN reception_cases c ON c.entry_id = e.id
		WHERE e.unit_id = $1 AND e.kind = 'petition' ORDER BY e.id LIMIT 1`, dept).Scan(&entry, &kase); err != nil {
		t.Fatalf("the demo's petition: %v", err)
	}
	if err := ts.db.R.QueryRowContext(ctx, `SELECT c.id, r.id FROM inspection_conclusions c JOIN inspection_recommendations r ON r.conclusion_id = c.id
		WHERE c.unit_id = $1 ORDER BY c.id, r.id LIMIT 1`, dept).Scan(&conclusion, &rec); err != nil {
		t.Fatalf("the demo's conclusion: %v", err)
	}
	for _, code := range matrixUnits {
		u := units[code].ID
		e, k, c, r := entry, kase, conclusion, rec
		if u != dept {
			e = cloneRow(t, ts, "reception_entries", entry, map[string]any{"unit_id": u, "lookup_code": nil})
			k = cloneRow(t, ts, "reception_cases", kase, map[string]any{"unit_id": u, "entry_id": e, "division_id": nil, "handler_id": nil})
			c = cloneRow(t, ts, "inspection_conclusions", conclusion, map[string]any{"unit_id": u})
			r = cloneRow(t, ts, "inspection_recommendations", rec, map[string]any{"unit_id": u, "conclusion_id": c, "responsible_id": u})
		} else {
			// The department's own records too are its alone: no division or
			// handler assigned, whose people would read them as well.
			if _, err := ts.db.W.ExecContext(ctx, "UPDATE inspection_recommendations SET responsible_id = $1 WHERE id = $2", u, r); err != nil {
				t.Fatal(err)
			}
			if _, err := ts.db.W.ExecContext(ctx, "UPDATE reception_cases SET division_id = NULL, handler_id = NULL WHERE id = $1", k); err != nil {
				t.Fatal(err)
			}
		}
		put("reception_entry", code, itoa(e))
		put("reception_case", code, itoa(k))
		put("conclusion", code, itoa(c))
		put("recommendation", code, itoa(r))
	}
}

// cloneRow copies row id of table with the columns of set changed and
// returns the copy's id.
func cloneRow(t *testing.T, ts *testServer, table string, id int64, set map[string]any) int64 {
	t.Helper()
	ctx := context.Background()
	rows, err := ts.db.R.QueryContext(ctx, "SELECT * FROM "+table+" WHERE 1 = 0")
	if err != nil {
		t.Fatal(err)
	}
	cols, err := rows.Columns()
	rows.Close()
	if err != nil {
		t.Fatal(err)
	}
	var names, values []string
	var args []any
	for _, c := range cols {
		if c == "id" {
			continue
		}
		names = append(names, c)
		if v, ok := set[c]; ok {
			args = append(args, v)
			values = append(values, "$"+itoa(int64(len(args))))
		} else {
			values = append(values, c)
		}
	}
	args = append(args, id)
	q := "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") SELECT " + strings.Join(values, ", ") +
		" FROM " + table + " WHERE id = $" + itoa(int64(len(args))) + " RETURNING id"
	var out int64
	if err := ts.db.W.QueryRowContext(ctx, q, args...).Scan(&out); err != nil {
		t.Fatalf("copy %s %d: %v", table, id, err)
	}
	return out
}
