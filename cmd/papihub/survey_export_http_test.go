package main

import (
	"net/http"
	"strings"
	"testing"
)

func TestEveryExportDownloadIsAuditedWithWhoFormFormatAndRows(t *testing.T) {
	ts, sf := surveyServer(t)
	for _, format := range []string{"csv", "xlsx"} {
		if resp := ts.client(t, "vanphong").get(t, "/surveys/"+itoa(sf.ID)+"/export?format="+format); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s export: %d", format, resp.StatusCode)
		}
	}
	rows, err := ts.db.R.QueryContext(t.Context(), `SELECT actor, entity_id, summary, after_json FROM audit_log WHERE action = 'export' AND entity = 'survey_responses' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var entries []string
	for rows.Next() {
		var actor, id, summary, after string
		if err := rows.Scan(&actor, &id, &summary, &after); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, strings.Join([]string{actor, id, summary, after}, " | "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d export entries, want 2: %q", len(entries), entries)
	}
	for i, format := range []string{"csv", "xlsx"} {
		e := entries[i]
		for _, want := range []string{"vanphong", itoa(sf.ID), `"format":"` + format + `"`, `"rows":36`, "36 dòng"} {
			if !strings.Contains(e, want) {
				t.Errorf("entry %q lacks %q", e, want)
			}
		}
	}
}
