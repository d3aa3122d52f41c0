package tthc

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"slices"
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

// importLanes is how many batches a bulk import writes at once on
// PostgreSQL, each on its own connection: while one lane's transaction is
// in the server, another lane's batch is merged and judged here, and the
// server works on both cores. SQLite has one writer, so one lane.
const importLanes = 2

func (im *Importer) lanes() int {
	if im.s.db.Dialect == db.SQLite {
		return 1
	}
	return importLanes
}

// laneOf is the lane of a dossier: its partition's, so that lanes hold
// disjoint partition locks and a dossier's rows stay in file order.
func laneOf(code string, lanes int) int { return int(partitionOf(code)) % lanes }

// errStopped ends a producer whose batches are no longer wanted.
var errStopped = errors.New("tthc: import stopped")

// pipelined reads and checks batches while others are written: produce
// (decoding a file or generating dossiers, then validating them) hands each
// full batch to emit with its lane; each lane applies its batches in order
// in its own goroutine, the lanes side by side. At most two batches per lane
// are in memory besides those being filled. When apply fails the producer
// and the lanes stop and the first error is returned.
func pipelined[B any](lanes int, produce func(emit func(lane int, b B) bool) error, apply func(B) error) error {
	done := make(chan struct{})
	var (
		mu   sync.Mutex
		aerr error
		wg   sync.WaitGroup
	)
	chs := make([]chan B, lanes)
	for i := range chs {
		chs[i] = make(chan B, 1)
		wg.Go(func() {
			for b := range chs[i] {
				mu.Lock()
				failed := aerr != nil
				mu.Unlock()
				if failed {
					continue
				}
				if err := apply(b); err != nil {
					mu.Lock()
					if aerr == nil {
						aerr = err
						close(done)
					}
					mu.Unlock()
				}
			}
		})
	}
	perr := produce(func(lane int, b B) bool {
		select {
		case <-done:
			return false
		default:
		}
		select {
		case chs[lane] <- b:
			return true
		case <-done:
			return false
		}
	})
	for _, ch := range chs {
		close(ch)
	}
	wg.Wait()
	if aerr != nil {
		return aerr
	}
	if errors.Is(perr, errStopped) {
		return nil
	}
	return perr
}

// add counts what one batch did; with several lanes the rows it rejected
// are put back in file order (byLine) at the end.
func (r *ImportReport) add(res BatchResult) {
	r.Imported += res.Imported
	r.Unchanged += res.Unchanged
	for i := range res.Rejected {
		r.reject(&res.Rejected[i])
	}
}

// byLine orders the report's rows by line.
func (r *ImportReport) byLine() {
	slices.SortStableFunc(r.Errors, func(a, b RowError) int { return cmp.Compare(a.Line, b.Line) })
}

// laneBatches fills one batch per lane and emits each when it is full.
type laneBatches struct {
	size    int
	batches [][]Incoming
	emit    func(lane int, b []Incoming) bool
}

func newLaneBatches(lanes, size int, emit func(int, []Incoming) bool) *laneBatches {
	return &laneBatches{size: size, batches: make([][]Incoming, lanes), emit: emit}
}

// add puts in into its lane's batch; false when the import stopped.
func (l *laneBatches) add(in Incoming) bool {
	lane := laneOf(in.Dossier.Code, len(l.batches))
	if l.batches[lane] == nil {
		l.batches[lane] = make([]Incoming, 0, l.size)
	}
	l.batches[lane] = append(l.batches[lane], in)
	if len(l.batches[lane]) < l.size {
		return true
	}
	b := l.batches[lane]
	l.batches[lane] = nil
	return l.emit(lane, b)
}

// flush emits the batches not yet full.
func (l *laneBatches) flush() bool {
	for lane, b := range l.batches {
		if len(b) > 0 && !l.emit(lane, b) {
			return false
		}
		l.batches[lane] = nil
	}
	return true
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
	// mergeFailed holds the lines the first pass found failing only against
	// what is stored, so that the second pass skips them (--skip-invalid)
	// without counting them twice.
	mergeFailed := map[int]bool{}
	check := im.newStoredCheck(func(re RowError) {
		mergeFailed[re.Line] = true
		rep.reject(&re)
	})
	if err := pass(1, func(in *Incoming, re *RowError) error {
		if re != nil {
			rep.reject(re)
			return nil
		}
		return check.add(ctx, *in)
	}); err != nil {
		return rep, err
	}
	if err := check.flush(ctx); err != nil {
		return rep, err
	}
	rep.byLine()
	if rep.Rejected > 0 && !skipInvalid {
		return rep, nil
	}
	if err := im.s.ensureImportPartitions(ctx, im.earliest, im.latest); err != nil {
		return rep, err
	}
	err := im.bulk(ctx, &rep, func(add func(Incoming) bool) error {
		return pass(2, func(in *Incoming, re *RowError) error {
			if re != nil || in == nil || mergeFailed[in.Line] {
				return nil // reported by the first pass
			}
			if !add(*in) {
				return errStopped
			}
			return nil
		})
	}, nil, !skipInvalid)
	if err != nil {
		return rep, asPartial(&rep, err)
	}
	rep.Applied = true
	return rep, im.s.analyzeWritten(ctx, rep.Imported, im.written)
}

// CheckAll runs the first pass of ImportAll over a stream: every incoming
// dossier validated and merged with what is stored, nothing written.
// Procedures are not looked up when procedures is false (the generator
// checks its dossiers before it adds their procedures to the catalogue).
func (im *Importer) CheckAll(ctx context.Context, all iter.Seq[Incoming], procedures bool) (ImportReport, error) {
	var rep ImportReport
	check := im.newStoredCheck(func(re RowError) { rep.reject(&re) })
	var rows int64
	for in := range prefetch(all) {
		if procedures {
			if re := im.Validate(&in); re != nil {
				rep.reject(re)
				continue
			}
		}
		if err := check.add(ctx, in); err != nil {
			return rep, err
		}
		if rows++; rows%10000 == 0 && ctx.Err() != nil {
			return rep, ctx.Err()
		}
	}
	if err := check.flush(ctx); err != nil {
		return rep, err
	}
	rep.byLine()
	return rep, nil
}

// ImportAll applies a stream of incoming dossiers (the generator's) in
// batches, all or nothing: the stream is checked first (CheckAll, so it
// must yield the same dossiers each time it is ranged over) and applied
// only when every dossier passes. progress (may be nil) gets the number of
// dossiers applied so far.
func (im *Importer) ImportAll(ctx context.Context, all iter.Seq[Incoming], progress func(applied int64)) (ImportReport, error) {
	rep, err := im.CheckAll(ctx, all, true)
	if err != nil || rep.Rejected > 0 {
		return rep, err
	}
	return im.importChecked(ctx, all, progress)
}

// importChecked is the writing pass of ImportAll over a stream CheckAll
// passed.
func (im *Importer) importChecked(ctx context.Context, all iter.Seq[Incoming], progress func(applied int64)) (ImportReport, error) {
	var rep ImportReport
	if err := im.s.ensureImportPartitions(ctx, im.earliest, im.latest); err != nil {
		return rep, err
	}
	err := im.bulk(ctx, &rep, func(add func(Incoming) bool) error {
		var rows int64
		for in := range all {
			if !add(in) {
				return errStopped
			}
			if rows++; rows%10000 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
		}
		return nil
	}, progress, true)
	if err != nil {
		return rep, asPartial(&rep, err)
	}
	rep.Applied = true
	return rep, im.s.analyzeWritten(ctx, rep.Imported, im.written)
}

// bulk applies the dossiers produce hands to add: gathered into batches per
// lane (laneBatches), each batch written in its own bulk transaction
// (pipelined, apply), its counts added to rep. progress (may be nil) gets
// the number of dossiers applied so far.
// strict makes a row rejected while writing fail the import (apply).
func (im *Importer) bulk(ctx context.Context, rep *ImportReport, produce func(add func(Incoming) bool) error, progress func(applied int64), strict bool) error {
	lanes := im.lanes()
	stmts := im.s.bulkStatements()
	im.written = newPartitionWrites()
	var mu sync.Mutex
	var applied int64
	err := pipelined(lanes, func(emit func(int, preparedBatch) bool) error {
		// The producer prepares each batch (prepareBatch) before it hands
		// it to its lane.
		var perr error
		batches := newLaneBatches(lanes, im.importBatch(), func(lane int, rows []Incoming) bool {
			pre, err := im.prepareBatch(rows)
			if err != nil {
				perr = err
				return false
			}
			return emit(lane, preparedBatch{rows: rows, pre: pre})
		})
		err := produce(batches.add)
		if err == nil && !batches.flush() {
			err = errStopped
		}
		if perr != nil {
			return perr
		}
		return err
	}, func(b preparedBatch) error {
		batch := b.rows
		res, err := im.apply(ctx, batch, b.pre, stmts, strict)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		rep.add(res)
		applied += int64(len(batch))
		if progress != nil {
			progress(applied)
		}
		return nil
	})
	// The batches committed without waiting for the WAL (db.BulkTx): what
	// the report counts as written must survive a crash of the server.
	if ferr := im.s.db.FlushBulk(context.WithoutCancel(ctx)); err == nil {
		err = ferr
	}
	rep.byLine()
	return err
}

// preparedBatch is a batch with prepareBatch's work on it.
type preparedBatch struct {
	rows []Incoming
	pre  []prepared
}

// prefetch ranges over all in a goroutine of its own, handing its rows over
// a checkChunk at a time: the generator makes the next chunk of dossiers
// while the stored check looks the last one up, on the second core.
func prefetch(all iter.Seq[Incoming]) iter.Seq[Incoming] {
	return func(yield func(Incoming) bool) {
		chunks := make(chan []Incoming, 1)
		done := make(chan struct{})
		go func() {
			defer close(chunks)
			chunk := make([]Incoming, 0, checkChunk)
			for in := range all {
				if chunk = append(chunk, in); len(chunk) == checkChunk {
					select {
					case chunks <- chunk:
					case <-done:
						return
					}
					chunk = make([]Incoming, 0, checkChunk)
				}
			}
			if len(chunk) > 0 {
				select {
				case chunks <- chunk:
				case <-done:
				}
			}
		}()
		defer func() {
			close(done)
			for range chunks { // let the producer end
			}
		}()
		for chunk := range chunks {
			for _, in := range chunk {
				if !yield(in) {
					return
				}
			}
		}
	}
}
