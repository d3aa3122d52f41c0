package tthc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"strings"
	"sync"

	"papihub/internal/platform/db"
)

// FormatOf guesses an import file's format from its name: csv, xlsx or
// jsonl.
func FormatOf(name string) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return "csv", nil
	case ".xlsx":
		return "xlsx", nil
	case ".jsonl", ".ndjson", ".json":
		return "jsonl", nil
	}
	return "", fmt.Errorf("không rõ định dạng của %q: cần .csv, .xlsx hoặc .jsonl", name)
}

// NewDecoder opens the dossier decoder of a format.
func NewDecoder(r io.Reader, format string) (Decoder, func() error, error) {
	switch format {
	case "csv":
		d, err := NewCSVDecoder(r)
		return d, func() error { return nil }, err
	case "xlsx":
		d, err := NewXLSXDecoder(r)
		if err != nil {
			return nil, nil, err
		}
		return d, d.Close, nil
	case "jsonl":
		return NewJSONLDecoder(r), func() error { return nil }, nil
	}
	return nil, nil, fmt.Errorf("định dạng %q không hỗ trợ (csv, xlsx, jsonl)", format)
}

// ImportBatch is how many dossiers one transaction applies on PostgreSQL;
// SQLite takes sqliteImportBatch (importBatch).
const ImportBatch = 2000

// sqliteImportBatch is the batch on SQLite, where a commit rewrites the
// pages the batch dirtied (indexes, aggregates) into the WAL: fewer, larger
// transactions write each page fewer times. Three batches in memory stay a
// few tens of MB.
const sqliteImportBatch = 6000

func (im *Importer) importBatch() int {
	if im.s.db.Dialect == db.SQLite {
		return sqliteImportBatch
	}
	return ImportBatch
}

// errStopped ends a producer whose batches are no longer wanted.
var errStopped = errors.New("tthc: import stopped")

// pipelined reads and checks the next batch while the current one is
// written: produce runs in its own goroutine (decoding a file or
// generating dossiers, then validating them) and hands each full batch to
// emit; apply writes them, in order, on the caller's goroutine. At most two
// batches are in memory besides the one being written. When apply fails
// the producer is stopped and the error returned.
func pipelined(produce func(emit func([]Incoming) bool) error, apply func([]Incoming) error) error {
	ch := make(chan []Incoming, 1)
	done := make(chan struct{})
	var perr error
	go func() {
		defer close(ch)
		perr = produce(func(b []Incoming) bool {
			select {
			case ch <- b:
				return true
			case <-done:
				return false
			}
		})
	}()
	var aerr error
	for b := range ch {
		if aerr == nil {
			if aerr = apply(b); aerr != nil {
				close(done)
			}
		}
	}
	if aerr != nil {
		return aerr
	}
	if errors.Is(perr, errStopped) {
		return nil
	}
	return perr
}

// ImportFile imports a dossier file in two streaming passes: the first
// decodes and validates every row without writing; when a row is bad and
// skipInvalid is false the file is rejected and nothing changes. The second
// pass applies the valid rows in batches of importBatch, one transaction
// each. open is called once per pass; progress (may be nil) gets the number
// of rows read so far and the pass (1 or 2).
func (im *Importer) ImportFile(ctx context.Context, open func() (io.ReadCloser, error), format string, skipInvalid bool,
	progress func(pass int, rows int64)) (ImportReport, error) {
	var rep ImportReport
	pass := func(n int, each func(in *Incoming, re *RowError) error) error {
		f, err := open()
		if err != nil {
			return err
		}
		defer f.Close()
		dec, closeDec, err := NewDecoder(f, format)
		if err != nil {
			return err
		}
		defer closeDec()
		var rows int64
		for {
			rec, err := dec.Next()
			if errors.Is(err, io.EOF) {
				return nil
			}
			var re *RowError
			if errors.As(err, &re) {
				if err := each(nil, re); err != nil {
					return err
				}
			} else if err != nil {
				return err
			} else {
				in := IncomingFromRecord(rec)
				if err := each(&in, im.Validate(&in)); err != nil {
					return err
				}
			}
			if rows++; progress != nil && rows%1000 == 0 {
				progress(n, rows)
			}
			if rows%10000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
	}
	if err := pass(1, func(_ *Incoming, re *RowError) error {
		if re != nil {
			rep.reject(re)
		}
		return nil
	}); err != nil {
		return rep, err
	}
	if rep.Rejected > 0 && !skipInvalid {
		return rep, nil
	}
	stmts := im.s.bulkStatements()
	apply := func(batch []Incoming) error {
		res, err := im.apply(ctx, batch, stmts)
		if err != nil {
			return err
		}
		rep.Imported += res.Imported
		rep.Unchanged += res.Unchanged
		for i := range res.Rejected {
			rep.reject(&res.Rejected[i])
		}
		return nil
	}
	size := im.importBatch()
	err := pipelined(func(emit func([]Incoming) bool) error {
		batch := make([]Incoming, 0, size)
		if err := pass(2, func(in *Incoming, re *RowError) error {
			if re != nil || in == nil {
				return nil // reported by the first pass
			}
			batch = append(batch, *in)
			if len(batch) == size {
				if !emit(batch) {
					return errStopped
				}
				batch = make([]Incoming, 0, size)
			}
			return nil
		}); err != nil {
			return err
		}
		if len(batch) > 0 && !emit(batch) {
			return errStopped
		}
		return nil
	}, apply)
	if err != nil {
		return rep, err
	}
	rep.Applied = true
	return rep, nil
}

// ImportAll applies a stream of incoming dossiers (the generator's) in
// batches, rejecting the invalid ones.
func (im *Importer) ImportAll(ctx context.Context, all iter.Seq[Incoming], progress func(rows int64)) (ImportReport, error) {
	var rep ImportReport
	var counts []int64 // rows read when each batch was full, read by apply in order
	stmts := im.s.bulkStatements()
	var mu sync.Mutex
	size := im.importBatch()
	err := pipelined(func(emit func([]Incoming) bool) error {
		batch := make([]Incoming, 0, size)
		var rows int64
		send := func() bool {
			mu.Lock()
			counts = append(counts, rows)
			mu.Unlock()
			ok := emit(batch)
			batch = make([]Incoming, 0, size)
			return ok
		}
		for in := range all {
			rows++
			batch = append(batch, in)
			if len(batch) == size && !send() {
				return errStopped
			}
			if rows%10000 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
		}
		if len(batch) > 0 && !send() {
			return errStopped
		}
		return nil
	}, func(batch []Incoming) error {
		res, err := im.apply(ctx, batch, stmts)
		if err != nil {
			return err
		}
		rep.Imported += res.Imported
		rep.Unchanged += res.Unchanged
		for i := range res.Rejected {
			rep.reject(&res.Rejected[i])
		}
		mu.Lock()
		rows := counts[0]
		counts = counts[1:]
		mu.Unlock()
		if progress != nil {
			progress(rows)
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	rep.Applied = true
	return rep, nil
}
