// bare_lookup is the baseline of issue 15 for the public look-up: what a
// plain net/http server does with the same SQLite driver (modernc), the same
// pragmas and reader pool as internal/platform/db, the same SELECT by code as
// tthc.Store.PublicDossier on SQLite without an agency (dossier, procedure and
// unit joined) and the same JSON fields. No router, middleware,
// rate limit, metrics, logging or audit: the floor our look-up is held to.
//
//	go run ./bench/bare_lookup --db /tmp/score-2m/papihub.db --addr 127.0.0.1:28760
//	bench/lookup_vs_bare.sh /tmp/score-2m      # both servers, one after the other
package main

import (
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"log"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite"

	"papihub/internal/platform/db"
	"papihub/internal/tthc"
)

const lookup = `SELECT d.code, p.name, p.code, u.name, d.received_at, d.appointment_at, d.status, d.history
FROM tthc_dossiers d JOIN tthc_procedures p ON p.id = d.procedure_id JOIN units u ON u.id = d.unit_id
WHERE d.code = $1`

func main() {
	path := flag.String("db", "/tmp/score-2m/papihub.db", "the SQLite database")
	addr := flag.String("addr", "127.0.0.1:28760", "listen address")
	flag.Parse()
	pragmas := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(ON)", "synchronous(NORMAL)", "temp_store(MEMORY)"} {
		pragmas.Add("_pragma", p)
	}
	conn, err := sql.Open("sqlite", "file:"+*path+"?"+pragmas.Encode()+"&mode=ro")
	if err != nil {
		log.Fatal(err)
	}
	conn.SetMaxOpenConns(8)
	conn.SetMaxIdleConns(8)
	stmt, err := conn.Prepare(lookup)
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("GET /api/v1/public/dossiers/{code}", func(w http.ResponseWriter, r *http.Request) {
		var out tthc.PublicDossier
		var received, appointment sql.NullString
		var history string
		err := stmt.QueryRowContext(r.Context(), r.PathValue("code")).Scan(
			&out.Code, &out.Procedure, &out.ProcedureCode, &out.Unit, &received, &appointment, &out.Status, &history)
		if errors.Is(err, sql.ErrNoRows) {
			http.Error(w, `{"code":"not_found"}`, http.StatusNotFound)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out.ReceivedAt, _ = db.ParseTime(received.String)
		out.ReceivedAt = out.ReceivedAt.In(tthc.Location)
		if appointment.Valid {
			t, _ := db.ParseTime(appointment.String)
			t = t.In(tthc.Location)
			out.AppointmentAt = &t
		}
		out.StatusName = out.Status.String()
		for item := range strings.SplitSeq(history, ";") {
			status, at, _ := strings.Cut(item, "@")
			n, _ := strconv.Atoi(status)
			t, _ := db.ParseTime(at)
			out.Timeline = append(out.Timeline, tthc.PublicEvent{Status: tthc.Status(n), StatusName: tthc.Status(n).String(), At: t.In(tthc.Location)})
		}
		slices.SortStableFunc(out.Timeline, func(a, b tthc.PublicEvent) int { return a.At.Compare(b.At) })
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(out)
	})
	srv := &http.Server{Addr: *addr, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
