package survey

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/gob"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// resultsFormat changes whenever ScoreResponses or Results change in a way
// that makes stored results wrong or unreadable: it is part of every
// fingerprint, so rows of an older format are recomputed, never misread.
const resultsFormat = 2

// The results page's bootstrap: 500 replicates overall give stable
// percentile intervals; 200 for each breakdown cell keep a computation near
// two seconds for 20,000 respondents (see docs/benchmarks.md).
const (
	resultReplicates = 500
	groupReplicates  = 200
)

// A ResultVariant is one way of scoring a form's responses for the results
// page: whether clusters are units or respondents, and the form language the
// group values are labelled in. Each variant is stored on its own.
type ResultVariant struct {
	ClusterByUnit bool
	Lang          string
}

// key is the variant as stored: "cluster=unit;lang=vi".
func (v ResultVariant) key() string {
	cluster := "respondent"
	if v.ClusterByUnit {
		cluster = "unit"
	}
	return "cluster=" + cluster + ";lang=" + v.Lang
}

func parseVariant(key string) (ResultVariant, bool) {
	cluster, lang, ok := strings.Cut(key, ";lang=")
	if !ok {
		return ResultVariant{}, false
	}
	switch cluster {
	case "cluster=unit":
		return ResultVariant{ClusterByUnit: true, Lang: lang}, true
	case "cluster=respondent":
		return ResultVariant{Lang: lang}, true
	}
	return ResultVariant{}, false
}

// options are the scoring options of the variant; the seed is the form's id,
// so that recomputing the same responses gives the same intervals.
func (v ResultVariant) options(formID int64) ResultOptions {
	return ResultOptions{Replicates: resultReplicates, GroupReplicates: groupReplicates, Seed: uint64(formID),
		ClusterByUnit: v.ClusterByUnit, Lang: v.Lang}
}

// SavedResults are results as stored: what they were computed from and when.
type SavedResults struct {
	Fingerprint string
	ComputedAt  time.Time
	Results     Results
	// Err is why the form could not be scored at all (no question bound to
	// an indicator): stored too, so that it is not retried on every view.
	Err string
}

// ResponsesFingerprint identifies the responses a form's results rest on:
// their number and largest id (a new response changes both; responses are
// never edited or deleted one by one), the form's version and the format of
// stored results.
func (s *Store) ResponsesFingerprint(ctx context.Context, sf StoredForm) (string, error) {
	n, maxID, err := s.countResponses(ctx, sf.ID)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("n=%d;max=%d;version=%s;format=%d", n, maxID, sf.Version, resultsFormat), nil
}

const selectSavedResults = `
SELECT fingerprint, computed_at, body FROM survey_results WHERE form_id = $1 AND variant = $2`

// SavedResults returns the stored results of a variant, db.ErrNotFound when
// none have been computed. Whether they are up to date is for the caller to
// judge against ResponsesFingerprint.
func (s *Store) SavedResults(ctx context.Context, formID int64, v ResultVariant) (SavedResults, error) {
	var out SavedResults
	var at, body string
	err := s.db.R.QueryRowContext(ctx, selectSavedResults, formID, v.key()).Scan(&out.Fingerprint, &at, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return SavedResults{}, db.ErrNotFound
	}
	if err != nil {
		return SavedResults{}, fmt.Errorf("survey: saved results of form %d: %w", formID, err)
	}
	if out.ComputedAt, err = db.ParseTime(at); err != nil {
		return SavedResults{}, fmt.Errorf("survey: saved results of form %d: %w", formID, err)
	}
	if err := decodeResults(body, &out); err != nil {
		// An unreadable row is as good as none: it is recomputed.
		return SavedResults{}, db.ErrNotFound
	}
	return out, nil
}

// ResultVariants lists the variants stored for a form: the ones people have
// looked at, which a refresh recomputes.
func (s *Store) ResultVariants(ctx context.Context, formID int64) ([]ResultVariant, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT variant FROM survey_results WHERE form_id = $1 ORDER BY variant`, formID)
	if err != nil {
		return nil, fmt.Errorf("survey: result variants of form %d: %w", formID, err)
	}
	defer rows.Close()
	var out []ResultVariant
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return nil, fmt.Errorf("survey: result variants of form %d: %w", formID, err)
		}
		if v, ok := parseVariant(key); ok {
			out = append(out, v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("survey: result variants of form %d: %w", formID, err)
	}
	return out, nil
}

const upsertResults = `
INSERT INTO survey_results (form_id, variant, fingerprint, computed_at, body)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (form_id, variant) DO UPDATE
SET fingerprint = excluded.fingerprint, computed_at = excluded.computed_at, body = excluded.body`

// ComputeResults scores the form's responses for a variant and stores the
// results in place of the previous ones. The fingerprint is read before the
// responses: a response arriving meanwhile may be counted in the results but
// not in the fingerprint, which then no longer matches, so the next view
// recomputes rather than missing it.
//
// actor is who asked for it; an automatic computation (a first view, a
// refresh after new responses) passes the zero Actor and writes no audit
// entry, as it changes nothing anybody entered. A recomputation someone
// asked for is audited.
func (s *Store) ComputeResults(ctx context.Context, actor audit.Actor, sf StoredForm, v ResultVariant) (SavedResults, error) {
	fp, err := s.ResponsesFingerprint(ctx, sf)
	if err != nil {
		return SavedResults{}, err
	}
	responses, err := s.Responses(ctx, sf.ID)
	if err != nil {
		return SavedResults{}, err
	}
	out := SavedResults{Fingerprint: fp, ComputedAt: s.now().UTC().Truncate(time.Second)}
	out.Results, err = ScoreResponses(sf.Form, responses, v.options(sf.ID))
	if err != nil {
		out.Err = err.Error()
	}
	body, err := encodeResults(out)
	if err != nil {
		return SavedResults{}, fmt.Errorf("survey: compute results of form %d: %w", sf.ID, err)
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, upsertResults, sf.ID, v.key(), fp, db.FormatTime(out.ComputedAt), body); err != nil {
			return err
		}
		if actor == (audit.Actor{}) {
			return nil
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "recompute", Entity: "survey_results", EntityID: audit.ID(sf.ID),
			UnitID: sf.UnitID, Summary: fmt.Sprintf("tính lại kết quả khảo sát (%d người trả lời)", out.Results.N),
			After: map[string]any{"variant": v.key(), "respondents": out.Results.N}})
	})
	if err != nil {
		return SavedResults{}, fmt.Errorf("survey: compute results of form %d: %w", sf.ID, err)
	}
	return out, nil
}

// CurrentResults returns the stored results of a variant and whether they
// still match the responses; with none stored it computes and stores them
// (the first view).
func (s *Store) CurrentResults(ctx context.Context, sf StoredForm, v ResultVariant) (SavedResults, bool, error) {
	saved, err := s.SavedResults(ctx, sf.ID, v)
	if errors.Is(err, db.ErrNotFound) {
		saved, err = s.ComputeResults(ctx, audit.Actor{}, sf, v)
		return saved, err == nil, err
	}
	if err != nil {
		return SavedResults{}, false, err
	}
	fp, err := s.ResponsesFingerprint(ctx, sf)
	if err != nil {
		return SavedResults{}, false, err
	}
	return saved, fp == saved.Fingerprint, nil
}

// encodeResults writes results as base64 gob: Results hold NaN (an interval
// without bootstrap, a dimension not estimable), which JSON cannot carry,
// and the schema allows no BLOB. The row is a cache of the page, read only
// by this code, and resultsFormat guards its layout.
func encodeResults(s SavedResults) (string, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(storedResultsBody{Results: s.Results, Err: s.Err}); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

func decodeResults(body string, s *SavedResults) error {
	b, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return err
	}
	var sb storedResultsBody
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&sb); err != nil {
		return err
	}
	s.Results, s.Err = sb.Results, sb.Err
	return nil
}

type storedResultsBody struct {
	Results Results
	Err     string
}
