package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The JSON API is fed what an attacker would send, generated from the
// OpenAPI document itself so that a new write endpoint is covered the day it
// is documented: for every property of every write body, extreme numbers,
// huge strings, wrong types and nulls, and bodies with unknown fields or of
// the wrong shape. No answer may be a 5xx, and afterwards no page or API
// read that shows the data may be either. The cases are drawn with a fixed
// seed and bounded per endpoint, so the run is the same every time and
// short.
func TestTheJSONAPISurvivesHostileBodiesAndItsReadersStillAnswer(t *testing.T) {
	ts := newTestServer(t)
	loadDemos(t, ts)
	var doc openAPIDoc
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	// A plan of the focal officer's department, with tasks and instances,
	// whatever the demo holds.
	planID, sectionID := createPlanAPI(t, ts, ts.client(t, "vanphong"), "")
	ids := realIDs(t, ts, planID)
	valid := validBodies(t, ts, sectionID)
	rng := rand.New(rand.NewPCG(9, 2026))
	const casesPerEndpoint = 400
	sent := 0
	for _, ep := range doc.writeEndpoints() {
		path := fuzzPath(ep.path, ids)
		base, ok := valid[ep.method+" "+ep.path]
		if !ok {
			base = doc.sample(ep.schema, 0)
		}
		who := pickCaller(t, ts, ep.method, path, base)
		cases := doc.hostileBodies(ep.schema, base)
		rng.Shuffle(len(cases), func(i, j int) { cases[i], cases[j] = cases[j], cases[i] })
		statuses := map[int]int{}
		for _, body := range cases[:min(len(cases), casesPerEndpoint)] {
			resp := who.do(t, ep.method, path, "application/json", body)
			got := readBody(t, resp)
			statuses[resp.StatusCode]++
			if resp.StatusCode >= 500 {
				t.Errorf("%s %s: %d for %s\n%s", ep.method, path, resp.StatusCode, clip(body), clip(got))
			}
			sent++
		}
		t.Logf("%s %s (%d cases): %v", ep.method, path, len(cases), statuses)
	}
	t.Logf("%d hostile bodies sent", sent)
	// Whatever was stored, every page and API read still answers.
	for _, rt := range ts.app.Routes() {
		method, pattern, _ := strings.Cut(rt.Pattern, " ")
		if method != http.MethodGet || strings.HasPrefix(pattern, "/static/") {
			continue
		}
		for _, who := range []string{"admin", "vanphong", "chuyenvien", "noivu"} {
			resp := ts.client(t, who).get(t, fuzzPath(pattern, ids))
			if body := readBody(t, resp); resp.StatusCode >= 500 {
				t.Errorf("after the hostile bodies, GET %s as %s: %d\n%s", fuzzPath(pattern, ids), who, resp.StatusCode, clip(body))
			}
		}
	}
}

// loadDemos loads every capability's demo data into the test server, so that
// ids in paths name real rows.
func loadDemos(t *testing.T, ts *testServer) {
	t.Helper()
	for _, c := range capabilities {
		if c.demo != nil {
			if err := c.demo(context.Background(), ts.deps.complete()); err != nil {
				t.Fatalf("demo of %s: %v", c.name, err)
			}
		}
	}
}

// validBodies are bodies the endpoints accept, where the generated sample
// would be refused for a reason of its own (a unit outside the caller's
// scope, a section of another plan): their mutations then reach what is
// stored and read back.
func validBodies(t *testing.T, ts *testServer, sectionID int64) map[string]string {
	t.Helper()
	cds, err := ts.org.UnitByCode(context.Background(), "000.07.06.H33")
	if err != nil {
		t.Fatal(err)
	}
	task := `{"section_id":` + itoa(sectionID) + `,"text":"Báo cáo quý","lead_unit_id":` + itoa(cds.ID) +
		`,"expected_output":"Báo cáo","target":{"value":90,"unit":"%"},"schedule":{"frequency":"quarterly","offset_days":5}}`
	return map[string]string{
		"POST /api/v1/plans/{id}/tasks":       task,
		"PUT /api/v1/tasks/{id}":              task,
		"PUT /api/v1/plans/{id}":              `{"number":"","symbol":"KH-SKHCN","title":"Kế hoạch PAPI 2026","date":"2026-02-10"}`,
		"POST /api/v1/instances/{id}/updates": `{"text":"Đã triển khai","percent":50,"submit":false}`,
	}
}

// realIDs are the ids paths name, by the path's collection: planID and its
// first task and instance.
func realIDs(t *testing.T, ts *testServer, planID int64) map[string]string {
	t.Helper()
	ids := map[string]string{"/plans/": itoa(planID)}
	for prefix, table := range map[string]string{"/tasks/": "tasks", "/instances/": "task_instances"} {
		var id int64
		if err := ts.db.R.QueryRowContext(context.Background(), `SELECT MIN(id) FROM `+table+` WHERE plan_id = $1`, planID).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[prefix] = itoa(id)
	}
	return ids
}

var routeParam = regexp.MustCompile(`/([a-z]+)/\{[a-z_]+\}`)

// fuzzPath fills a route's parameters with the real id of its collection
// (ids), else 1: the demo's first unit, document, case.
func fuzzPath(pattern string, ids map[string]string) string {
	return routeParam.ReplaceAllStringFunc(strings.TrimSuffix(pattern, "{$}"), func(m string) string {
		coll := m[:strings.LastIndex(m, "/")+1]
		if id, ok := ids[coll]; ok {
			return coll + id
		}
		return coll + "1"
	})
}

// pickCaller is the first demo user the endpoint lets through with a plain
// body, so that the hostile bodies reach the validation, not the door.
func pickCaller(t *testing.T, ts *testServer, method, path, body string) *client {
	for _, who := range []string{"vanphong", "admin", "truongphong", "chuyenvien", "giamdoc", "noivu"} {
		c := ts.client(t, who)
		resp := c.do(t, method, path, "application/json", body)
		if resp.StatusCode >= 500 {
			t.Errorf("%s %s as %s: %d for the plain body %s", method, path, who, resp.StatusCode, clip(body))
		}
		if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusUnauthorized {
			return c
		}
	}
	return ts.client(t, "admin")
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return s
}

// openAPIDoc is the part of the OpenAPI document the generator reads.
type openAPIDoc struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"` // operations, and the path's parameters
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
}

type openAPIOp struct {
	RequestBody struct {
		Content map[string]struct {
			Schema *schema `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
}

type schema struct {
	Ref        string             `json:"$ref"`
	Type       string             `json:"type"`
	Properties map[string]*schema `json:"properties"`
	Items      *schema            `json:"items"`
	Enum       []any              `json:"enum"`
	Format     string             `json:"format"`
}

type endpoint struct {
	method, path string
	schema       *schema
}

// writeEndpoints lists every operation with a JSON body, in a fixed order.
func (d openAPIDoc) writeEndpoints() []endpoint {
	var out []endpoint
	for p, ops := range d.Paths {
		for m, raw := range ops {
			var op openAPIOp
			if m == "parameters" || json.Unmarshal(raw, &op) != nil {
				continue
			}
			if c, ok := op.RequestBody.Content["application/json"]; ok && c.Schema != nil {
				out = append(out, endpoint{strings.ToUpper(m), p, c.Schema})
			}
		}
	}
	slices.SortFunc(out, func(a, b endpoint) int { return strings.Compare(a.path+a.method, b.path+b.method) })
	return out
}

func (d openAPIDoc) resolve(s *schema) *schema {
	for s != nil && s.Ref != "" {
		s = d.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
	}
	if s == nil {
		return &schema{}
	}
	return s
}

// sample is a plain value of s: the first of an enum, a date for a date,
// 1 for numbers, one item for arrays.
func (d openAPIDoc) sample(s *schema, depth int) string {
	s = d.resolve(s)
	switch {
	case len(s.Enum) > 0:
		b, _ := json.Marshal(s.Enum[0])
		return string(b)
	case s.Type == "object" || s.Properties != nil:
		if depth > 4 {
			return "{}"
		}
		var parts []string
		for _, k := range sortedKeys(s.Properties) {
			parts = append(parts, fmt.Sprintf("%q:%s", k, d.sample(s.Properties[k], depth+1)))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case s.Type == "array":
		return "[" + d.sample(s.Items, depth+1) + "]"
	case s.Type == "integer", s.Type == "number":
		return "1"
	case s.Type == "boolean":
		return "true"
	case s.Format == "date":
		return `"2026-03-15"`
	case s.Format == "date-time":
		return `"2026-03-15T02:30:00Z"`
	}
	return `"Kế hoạch"`
}

// The values put in place of each property in turn: extremes of its own
// type, which reach the validation, and a few of the wrong type, which the
// decoder must refuse.
var (
	hostileNumbers = []string{"9223372036854775807", "-9223372036854775808", "2147483648", "-2147483648", "1e308", "-1e308",
		"4.9e-324", "0", "-1", "1.5", "99999999999999999999999", "-0"}
	hostileStrings = []string{`""`, `" "`, `"` + strings.Repeat("ô", 30_000) + `"`, `"\u0000\ud800"`, `"9999-12-31"`,
		`"-5877641-06-23"`, `"0000-00-00"`, `"<script>alert(1)</script>"`, `"x"`, `"31/02/2026"`, `"2026-02-30T25:61:00Z"`}
	hostileShapes = []string{"true", "null", "[]", "{}", `[null]`, `[` + strings.Repeat(`"a",`, 2000) + `"a"]`, `{"a":{"b":{"c":[[[[1]]]]}}}`}
)

// hostileFor are the values tried for a property of schema s.
func hostileFor(s *schema) []string {
	switch s.Type {
	case "integer", "number":
		return append(slices.Clip(hostileNumbers), `"1"`, "null", "true")
	case "string":
		return append(slices.Clip(hostileStrings), "1", "null", "[]")
	case "boolean":
		return []string{"false", "null", `"true"`, "1"}
	}
	return append(slices.Clip(hostileShapes), hostileNumbers[0], hostileStrings[2])
}

// hostileBodies are the generated cases of one endpoint: every hostile
// value at every property of base (following the schema into objects and
// the first item of arrays), then bodies of the wrong shape or with unknown
// fields.
func (d openAPIDoc) hostileBodies(s *schema, base string) []string {
	var out []string
	var walk func(s *schema, path []any, depth int)
	walk = func(s *schema, path []any, depth int) {
		s = d.resolve(s)
		for _, v := range hostileFor(s) {
			out = append(out, withValue(base, path, v))
		}
		if depth > 3 {
			return
		}
		if s.Type == "array" && s.Items != nil {
			walk(s.Items, append(slices.Clip(path), 0), depth+1)
		}
		for _, k := range sortedKeys(s.Properties) {
			walk(s.Properties[k], append(slices.Clip(path), k), depth+1)
		}
	}
	walk(s, nil, 0)
	out = append(out, `{`, `{}{}`, `1e999`, strings.TrimSuffix(base, "}")+`,"khong_co":1}`,
		`{"a":`+strings.Repeat("[", 10_000)+strings.Repeat("]", 10_000)+`}`)
	return out
}

// withValue is base with the value at path (object keys and array
// indexes) replaced by the raw JSON v, creating what is missing on the way.
func withValue(base string, path []any, v string) string {
	if len(path) == 0 {
		return v
	}
	var root any
	if err := json.Unmarshal([]byte(base), &root); err != nil {
		panic(err) // the bases are ours
	}
	var set func(node any, path []any) any
	set = func(node any, path []any) any {
		if len(path) == 0 {
			return json.RawMessage(v)
		}
		switch key := path[0].(type) {
		case string:
			m, _ := node.(map[string]any)
			if m == nil {
				m = map[string]any{}
			}
			m[key] = set(m[key], path[1:])
			return m
		default:
			a, _ := node.([]any)
			if len(a) == 0 {
				a = []any{nil}
			}
			a[0] = set(a[0], path[1:])
			return a
		}
	}
	b, err := json.Marshal(set(root, path))
	if err != nil {
		panic(err)
	}
	return string(b)
}
