package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
)

// Incoming is one dossier arriving from a file, the generator or the API.
type Incoming struct {
	Line          int
	Dossier       Dossier // UnitID: the unit's electronic id, or "" for the default
	ApplicantType int
	Applicant     string
	IDNumber      string
	Phone         string
	// EventOnly marks a pushed status event: only the history changes; the
	// dossier's other fields stay as stored.
	EventOnly bool
}

// IncomingFromRecord turns a decoded import row into an Incoming.
func IncomingFromRecord(r Record) Incoming {
	return Incoming{Line: r.Line, Dossier: r.Dossier(), ApplicantType: r.ApplicantType,
		Applicant: r.Applicant, IDNumber: r.IDNumber, Phone: r.Phone}
}

// Importer validates incoming dossiers against the organisation and the
// catalogue and applies them in batches, one transaction per batch with its
// audit entry. Applying the same dossier twice changes nothing; events may
// arrive in any order.
type Importer struct {
	s           *Store
	actor       audit.Actor
	source      string
	cal         *Calendar
	defaultUnit string
	units       map[string]unitRef
	unitByID    map[int64]unitRef
	procs       map[string][]procRef
	procByID    map[int64]procRef
	firstLive   int       // the first year not archived (archive.go), 0 when none is
	earliest    time.Time // the earliest and latest days of receipt among the rows checked (storedCheck)
	latest      time.Time
	written     *partitionWrites // rows per partition of the bulk import under way

	// Allow, when set, says whether the caller may write dossiers of the
	// unit at a path (the API checks the token's user). It is asked about
	// the unit a row names and about the unit holding the dossier today, so
	// that a dossier changes unit only in the hands of someone who may
	// write both.
	Allow func(unitPath string) bool
}

type unitRef struct {
	id         int64
	code, path string
}

type procRef struct {
	id       int64
	unitPath string
	terms    ProcedureTerms
}

// NewImporter loads the units and the catalogue once. defaultUnit is the
// electronic id used when a dossier names no unit (DonViXuLy); when it is
// empty the agency id in the dossier code is used.
func (s *Store) NewImporter(ctx context.Context, actor audit.Actor, source, defaultUnit string) (*Importer, error) {
	im := &Importer{s: s, actor: actor, source: source, defaultUnit: defaultUnit,
		units: map[string]unitRef{}, unitByID: map[int64]unitRef{}, procs: map[string][]procRef{}, procByID: map[int64]procRef{}}
	var err error
	if im.cal, err = s.Calendar(ctx); err != nil {
		return nil, err
	}
	if err := eachRow(ctx, s.db.R, "SELECT id, code, path FROM units", nil, func(r *sql.Rows) error {
		var u unitRef
		if err := r.Scan(&u.id, &u.code, &u.path); err != nil {
			return err
		}
		im.units[u.code], im.unitByID[u.id] = u, u
		return nil
	}); err != nil {
		return nil, fmt.Errorf("tthc: importer units: %w", err)
	}
	if defaultUnit != "" {
		if _, ok := im.units[defaultUnit]; !ok {
			return nil, fmt.Errorf("không có đơn vị mã %q", defaultUnit)
		}
	}
	if err := im.loadProcedures(ctx); err != nil {
		return nil, err
	}
	if im.firstLive, err = firstLiveYear(ctx, s.db.R); err != nil {
		return nil, err
	}
	return im, nil
}

func (im *Importer) loadProcedures(ctx context.Context) error {
	clear(im.procs)
	clear(im.procByID)
	return eachRow(ctx, im.s.db.R, `SELECT p.id, p.code, u.path, p.statutory_amount, p.statutory_unit, p.online_level, p.fee
FROM tthc_procedures p JOIN units u ON u.id = p.unit_id`, nil, func(r *sql.Rows) error {
		var p procRef
		var code, unit, online string
		var fee int64
		if err := r.Scan(&p.id, &code, &p.unitPath, &p.terms.Statutory.Amount, &unit, &online, &fee); err != nil {
			return err
		}
		p.terms.Statutory.Unit, _ = UnitFromCode(unit)
		p.terms.OnlineService = online != string(OnlineNone)
		p.terms.FeeBearing = fee > 0
		im.procs[code] = append(im.procs[code], p)
		im.procByID[p.id] = p
		return nil
	})
}

// Calendar is the working-day calendar the importer judges with.
func (im *Importer) Calendar() *Calendar { return im.cal }

type resolved struct {
	in   *Incoming
	unit unitRef
	proc procRef
}

// Validate checks one incoming dossier without writing anything: its code,
// unit, procedure and status history.
func (im *Importer) Validate(in *Incoming) *RowError {
	_, re := im.resolve(in)
	return re
}

func (im *Importer) resolve(in *Incoming) (resolved, *RowError) {
	d := &in.Dossier
	bad := func(field, format string, args ...any) (resolved, *RowError) {
		return resolved{}, &RowError{Line: in.Line, Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	code, err := ParseCode(d.Code)
	if err != nil {
		var ce *CodeError
		if errors.As(err, &ce) {
			return bad("MaHoSo", "%s", ce.Reason)
		}
		return bad("MaHoSo", "%v", err)
	}
	unitCode := d.UnitID
	if unitCode == "" {
		unitCode = im.defaultUnit
	}
	if unitCode == "" {
		unitCode = code.AgencyID
	}
	u, ok := im.units[unitCode]
	if !ok {
		return bad("DonViXuLy", "không có đơn vị mã %q trong cây tổ chức", unitCode)
	}
	if im.Allow != nil && !im.Allow(u.path) {
		return bad("DonViXuLy", "không có quyền cập nhật hồ sơ của đơn vị %q", unitCode)
	}
	r := resolved{in: in, unit: u}
	if !in.EventOnly {
		best := -1
		for _, p := range im.procs[d.ProcedureCode] {
			if strings.HasPrefix(u.path, p.unitPath) && len(p.unitPath) > best {
				r.proc, best = p, len(p.unitPath)
			}
		}
		if best < 0 {
			return bad("MaTTHC", "thủ tục %q chưa có trong danh mục của đơn vị hoặc đơn vị cấp trên", d.ProcedureCode)
		}
		if !d.Channel.Valid() {
			return bad("KenhThucHien", "kênh %d không hợp lệ", int(d.Channel))
		}
	}
	for _, e := range d.Events {
		if e.At.IsZero() {
			return bad("TrangThaiHoSo", "sự kiện trạng thái %d thiếu thời điểm", int(e.Status))
		}
	}
	if _, err := CheckHistory(orderEvents(append([]Event(nil), d.Events...))); err != nil && !in.EventOnly {
		return bad("TrangThaiHoSo", "%v", err)
	}
	if start := d.Start(); im.firstLive > 0 && !start.IsZero() && start.In(Location).Year() < im.firstLive {
		return bad("NgayTiepNhan", "ngày tiếp nhận %s thuộc năm đã chuyển vào lưu trữ (trước năm %d): khôi phục năm đó (papihub archive --restore) trước khi nhập",
			start.In(Location).Format("02/01/2006"), im.firstLive)
	}
	if in.IDNumber != "" {
		if err := vn.ValidCitizenID(in.IDNumber); err != nil {
			return bad("SoGiayToChuHoSo", "%v", err)
		}
	}
	if in.Phone != "" {
		if _, err := vn.NormalizePhone(in.Phone); err != nil {
			return bad("SoDienThoaiChuHoSo", "%v", err)
		}
	}
	return r, nil
}

// BatchResult counts what one Apply did.
type BatchResult struct {
	Imported, Unchanged int
	Rejected            []RowError // rows refused while merging (an event that cannot follow the history)
}

// Apply writes a batch of valid incoming dossiers in one transaction:
// each is merged with what is stored (events and supplements united, the
// fresher snapshot's fields kept), the dossier's old contributions to the
// aggregates are subtracted and its new ones added, and one audit entry
// records the batch. Rows failing Validate are rejected, not applied.
func (im *Importer) Apply(ctx context.Context, batch []Incoming) (BatchResult, error) {
	return im.apply(ctx, batch, nil, nil, false)
}

// apply is Apply; bulk (not nil for a file or the generator, not for a
// pushed event) keeps the import's prepared statements from batch to batch
// and runs each batch in db.BulkTx: on PostgreSQL its rows go by COPY
// (new dossiers straight into their tables, the rest through staging
// tables), and its commit does not wait for the WAL flush: bulk flushes it
// once before the import reports (db.FlushBulk), so a crash of the server
// before then may lose the last batches whole, each with its aggregates and
// audit entry, never what was reported written. strict (a bulk import without --skip-invalid) rolls the batch
// back and fails with errMergeRace when a row is rejected: the import
// checked every row before writing, so only a concurrent writer explains
// it, and the file must not be half applied.
//
// pre (may be nil) is prepareBatch's work on the batch, done ahead.
func (im *Importer) apply(ctx context.Context, batch []Incoming, pre []prepared, bulk *stmtCache, strict bool) (BatchResult, error) {
	var res BatchResult
	if err := bulk.fill(ctx); err != nil {
		return res, err
	}
	txFn := func(fn func(tx *sql.Tx, copy db.CopyFunc) error) error {
		if bulk != nil {
			return im.s.db.BulkTx(ctx, fn)
		}
		return im.s.db.Tx(ctx, func(tx *sql.Tx) error { return fn(tx, nil) })
	}
	err := txFn(func(tx *sql.Tx, copyRows db.CopyFunc) error {
		res = BatchResult{}
		w := newBatchWriter(im.s, tx, im.cal)
		w.copy, w.cache = copyRows, bulk
		if bulk != nil {
			w.written = im.written
		}
		defer w.close()
		if pre == nil {
			pre = im.resolveBatch(batch)
		}
		valid := make([]*prepared, 0, len(batch))
		codes := make([]any, 0, len(batch))
		for i := range pre {
			if re := pre[i].re; re != nil {
				res.Rejected = append(res.Rejected, *re)
				continue
			}
			valid = append(valid, &pre[i])
			codes = append(codes, batch[i].Dossier.Code)
		}
		if err := im.s.lockPartitions(ctx, tx, codes); err != nil {
			return err
		}
		changes := im.newChangeLog()
		stored := map[string]*StoredDossier{}
		archived := map[string]codeEntry{}
		for start := 0; start < len(codes); start += 500 {
			chunk := codes[start:min(start+500, len(codes))]
			cond, args, entries, err := im.s.byCodes(ctx, tx, chunk)
			if err != nil {
				return err
			}
			var ds []*StoredDossier
			if cond != noneStored {
				if ds, err = loadDossiers(ctx, tx, cond, args...); err != nil {
					return err
				}
			}
			for _, d := range ds {
				stored[d.Code] = d
			}
			for code, e := range entries {
				w.known[code] = e
				if stored[code] == nil {
					archived[code] = e
				}
			}
		}
		for _, p := range valid {
			r := p.r
			if e, ok := archived[r.in.Dossier.Code]; ok {
				res.Rejected = append(res.Rejected, archivedRow(r.in.Line, e))
				continue
			}
			old := stored[r.in.Dossier.Code]
			if old == nil && r.in.EventOnly {
				res.Rejected = append(res.Rejected, RowError{Line: r.in.Line, Field: "MaHoSo", Reason: "chưa có hồ sơ mã này: cần gửi hồ sơ trước khi gửi sự kiện trạng thái"})
				continue
			}
			if old != nil {
				if re := im.mayChange(old.Code, old.Unit, r.in.Line); re != nil {
					res.Rejected = append(res.Rejected, *re)
					continue
				}
			}
			next := p.next
			if old == nil && next != nil {
				// New, as prepareBatch supposed: its work stands.
				w.writeJudged(nil, p.judged, im.termsOf)
			} else {
				var changed bool
				var re *RowError
				var err error
				if next, changed, re, err = im.merge(old, r); err != nil {
					return err
				}
				if re != nil {
					res.Rejected = append(res.Rejected, *re)
					continue
				}
				if !changed {
					res.Unchanged++
					continue
				}
				if err := w.write(ctx, old, next, im.termsOf); err != nil {
					return err
				}
			}
			changes.add(old, next)
			stored[next.Code] = next
			res.Imported++
		}
		if strict && len(res.Rejected) > 0 {
			return &errMergeRace{rows: res.Rejected}
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
		if res.Imported == 0 {
			return nil
		}
		first, last := batch[0].Line, batch[len(batch)-1].Line
		summary := fmt.Sprintf("%d hồ sơ (%s", res.Imported, im.source)
		if first > 0 {
			summary += fmt.Sprintf(", dòng %d–%d", first, last)
		}
		summary += ")"
		if len(changes.moved) > 0 {
			summary += fmt.Sprintf(", %d hồ sơ chuyển đơn vị", len(changes.moved))
		}
		if err := changes.auditMoves(ctx, tx, im.actor); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: im.actor, Action: "import", Entity: "tthc_dossiers", Summary: summary,
			After: map[string]any{"source": im.source, "imported": res.Imported, "unchanged": res.Unchanged, "rejected": len(res.Rejected),
				"dossiers": changes.codes, "moved": changes.moved}})
	})
	return res, err
}

// prepared is an incoming row resolved against the organisation and the
// catalogue and, when it may be a new dossier, merged with nothing stored
// and judged: the work on a row that does not depend on what is stored.
type prepared struct {
	r      resolved
	re     *RowError
	judged // the dossier as written if none is stored (next nil when not prepared)
}

// judged is a dossier as it will be written, with its judgement (classify
// at the end of time), its contributions and, when prepared ahead, its row.
type judged struct {
	next          *StoredDossier
	outcome       Outcome
	contributions []DailyAggregate
	row           []any // dossierValues without the times of writing, or nil
}

// resolveBatch resolves a batch's rows, as apply needs them at least.
func (im *Importer) resolveBatch(batch []Incoming) []prepared {
	pre := make([]prepared, len(batch))
	for i := range batch {
		pre[i].r, pre[i].re = im.resolve(&batch[i])
	}
	return pre
}

// prepareBatch does ahead of apply, outside its transaction, the work on
// each row that does not depend on what is stored: resolving it and, for a
// row that may be a new dossier, the merge with nothing, the seals of its
// personal data, its judgement and its contributions. A bulk import
// prepares the next batch while the last one is written (on SQLite, whose
// one writer waits for nothing else, the writer's work shrinks by a
// third). apply uses a row's preparation only when it finds no dossier of
// that code stored, nor staged earlier in the batch.
func (im *Importer) prepareBatch(batch []Incoming) ([]prepared, error) {
	pre := im.resolveBatch(batch)
	for i := range pre {
		p := &pre[i]
		if p.re != nil || p.r.in.EventOnly {
			continue
		}
		next, _, re, err := im.merge(nil, p.r)
		if err != nil {
			return nil, err
		}
		if re != nil {
			continue // apply merges it again and reports it
		}
		o := classify(next.Dossier, im.cal, im.termsOf(next.ProcedureID).Statutory, farFuture, false)
		p.judged = judged{next: next, outcome: o, contributions: contributionsOf(next.Dossier, o),
			row: dossierValues(next, judgementOf(next.Dossier, o), "")}
	}
	return pre, nil
}

// Dossiers are spread over dossierPartitions by their code. A transaction
// that merges dossiers with what is stored first locks their partitions
// (db.LockKeys), so that two writers never merge the same dossier at once:
// both would subtract its old contributions from the aggregates. A bulk
// import gives each of its lanes its own partitions (laneOf), so its lanes
// never wait for each other's locks.
const dossierPartitions = 16

// dossierLockSpace names the partition locks among other advisory locks.
const dossierLockSpace int32 = 0x74746863 // "tthc"

// partitionOf is the partition of a dossier code (FNV-1a).
func partitionOf(code string) int32 {
	h := uint32(2166136261)
	for i := 0; i < len(code); i++ {
		h = (h ^ uint32(code[i])) * 16777619
	}
	return int32(h % dossierPartitions)
}

// lockPartitions locks the partitions of codes (strings) for tx; a nil
// codes locks them all.
func (s *Store) lockPartitions(ctx context.Context, tx *sql.Tx, codes []any) error {
	var wanted [dossierPartitions]bool
	for _, c := range codes {
		wanted[partitionOf(c.(string))] = true
	}
	var parts []int32
	for p, w := range wanted {
		if w || codes == nil {
			parts = append(parts, int32(p))
		}
	}
	return s.db.LockKeys(ctx, tx, dossierLockSpace, parts)
}

func (im *Importer) termsOf(procID int64) ProcedureTerms { return im.procByID[procID].terms }

// merge combines the stored dossier (nil when new) with an incoming one.
func (im *Importer) merge(old *StoredDossier, r resolved) (*StoredDossier, bool, *RowError, error) {
	in := r.in
	var next StoredDossier
	if old != nil {
		next = *old
		next.Events = append([]Event(nil), old.Events...)
		next.Supplements = append([]Supplement(nil), old.Supplements...)
	} else {
		next = StoredDossier{Dossier: in.Dossier, Unit: r.unit.id, ProcedureID: r.proc.id}
		next.Events, next.Supplements = nil, nil
	}
	next.UnitID = strconv.FormatInt(next.Unit, 10)
	fresher := old == nil || !latestEvent(in.Dossier.Events).Before(latestEvent(old.Events))
	next.Events = unionEvents(next.Events, in.Dossier.Events)
	if !in.EventOnly {
		next.Supplements = unionSupplements(next.Supplements, in.Dossier.Supplements, fresher)
		d, src := &next.Dossier, in.Dossier
		for _, f := range []struct{ dst, v *time.Time }{{&d.SubmittedAt, &src.SubmittedAt}, {&d.ReceivedAt, &src.ReceivedAt},
			{&d.AppointmentAt, &src.AppointmentAt}, {&d.ReturnedAt, &src.ReturnedAt}} {
			if !f.v.IsZero() && (fresher || f.dst.IsZero()) {
				*f.dst = canonical(*f.v)
			}
		}
		if fresher {
			d.Channel, d.Fee, d.PaidOnline = src.Channel, src.Fee, src.PaidOnline
			d.Digitisation, d.Synced, d.Feedback = src.Digitisation, src.Synced, src.Feedback
			d.ProcedureCode, next.ProcedureID, next.Unit = src.ProcedureCode, r.proc.id, r.unit.id
			next.UnitID = strconv.FormatInt(next.Unit, 10)
			if in.ApplicantType != 0 {
				next.ApplicantType = in.ApplicantType
			}
		}
	}
	sorted, err := CheckHistory(orderEvents(next.Events))
	if err != nil {
		return nil, false, &RowError{Line: in.Line, Field: "TrangThaiHoSo", Reason: err.Error()}, nil
	}
	next.Events = sorted
	next.Status = sorted[len(sorted)-1].Status
	personalChanged := false
	if !in.EventOnly {
		for _, f := range []struct {
			plain          string
			sealed, masked *string
			mask           func(string) string
		}{{in.Applicant, &next.applicantSealed, &next.ApplicantMasked, MaskName},
			{in.IDNumber, &next.idSealed, &next.IDMasked, vn.MaskID},
			{in.Phone, &next.phoneSealed, &next.PhoneMasked, vn.MaskPhone}} {
			if f.plain == "" {
				continue
			}
			if *f.sealed != "" {
				current, err := im.s.box.Open(*f.sealed)
				if err != nil {
					return nil, false, nil, fmt.Errorf("tthc: open personal data of %s: %w", next.Code, err)
				}
				if current == f.plain {
					continue
				}
			}
			sealed, err := im.s.box.Seal(f.plain)
			if err != nil {
				return nil, false, nil, fmt.Errorf("tthc: seal personal data: %w", err)
			}
			*f.sealed, *f.masked, personalChanged = sealed, f.mask(f.plain), true
		}
	}
	changed := old == nil || personalChanged || old.ApplicantType != next.ApplicantType || fingerprint(old) != fingerprint(&next)
	return &next, changed, nil, nil
}

// canonical is an instant as the database keeps it: UTC, whole seconds.
func canonical(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

func latestEvent(es []Event) time.Time {
	var t time.Time
	for _, e := range es {
		if e.At.After(t) {
			t = e.At
		}
	}
	return t
}

func unionEvents(a, b []Event) []Event {
	seen := make(map[Event]bool, len(a)+len(b))
	out := make([]Event, 0, len(a)+len(b))
	for _, list := range [][]Event{a, b} {
		for _, e := range list {
			e.At = canonical(e.At)
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}

func unionSupplements(a, b []Supplement, fresher bool) []Supplement {
	out := make([]Supplement, 0, len(a)+len(b))
	index := map[time.Time]int{}
	for _, s := range a {
		index[canonical(s.RequestedAt)] = len(out)
		out = append(out, s)
	}
	for _, s := range b {
		s = Supplement{RequestedAt: canonical(s.RequestedAt), CompletedAt: canonical(s.CompletedAt), OldDue: canonical(s.OldDue), NewDue: canonical(s.NewDue)}
		i, ok := index[s.RequestedAt]
		if !ok {
			index[s.RequestedAt] = len(out)
			out = append(out, s)
			continue
		}
		cur := &out[i]
		for _, f := range []struct{ dst, v *time.Time }{{&cur.CompletedAt, &s.CompletedAt}, {&cur.OldDue, &s.OldDue}, {&cur.NewDue, &s.NewDue}} {
			if !f.v.IsZero() && (fresher || f.dst.IsZero()) {
				*f.dst = *f.v
			}
		}
	}
	return out
}

// fingerprint is the stored state of a dossier as text, to tell an
// unchanged re-import from a change.
func fingerprint(d *StoredDossier) string {
	var b strings.Builder
	u := func(t time.Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.Unix()
	}
	fmt.Fprintf(&b, "%s|%d|%d|%d|%d|%d|%d|%d|%d|%d|%v|%v|%v|", d.Code, d.ProcedureID, d.Unit, d.Channel,
		u(d.SubmittedAt), u(d.ReceivedAt), u(d.AppointmentAt), u(d.ReturnedAt), d.Fee, d.PaidOnline, d.Digitisation, d.Synced, d.Feedback)
	for _, e := range orderEvents(append([]Event(nil), d.Events...)) {
		fmt.Fprintf(&b, "e%d@%d,", e.Status, u(e.At))
	}
	sups := append([]Supplement(nil), d.Supplements...)
	for _, s := range knownSupplements(sups, farFuture) {
		fmt.Fprintf(&b, "s%d/%d/%d/%d,", u(s.RequestedAt), u(s.CompletedAt), u(s.OldDue), u(s.NewDue))
	}
	return b.String()
}

// judgement is the on-time verdict as known now, stored with the dossier
// for the drill-down lists.
type judgement struct {
	verdict     Verdict
	due         sql.NullString
	endAt       sql.NullString
	endDay      sql.NullString
	overdueFrom sql.NullString
}

func judge(d Dossier, cal *Calendar, terms ProcedureTerms) judgement {
	return judgementOf(d, classify(d, cal, terms.Statutory, farFuture, false))
}

// judgementOf is judge for the outcome o of Classify at the end of time.
func judgementOf(d Dossier, o Outcome) judgement {
	j := judgement{verdict: o.Verdict}
	if o.Verdict == Undetermined {
		return j
	}
	j.due = sql.NullString{String: DayOf(o.Due).String(), Valid: true}
	endDay := Day(math.MaxInt32)
	if !o.Open {
		endDay = DayOf(o.End)
		j.endAt = db.NullTime(o.End)
		j.endDay = sql.NullString{String: endDay.String(), Valid: true}
	}
	if from := overdueFrom(d, o); from < endDay {
		j.overdueFrom = sql.NullString{String: from.String(), Valid: true}
	}
	return j
}

// batchWriter gathers the writes of one transaction — the batch's dossiers
// in their final state (with their histories) and the change of their
// aggregate contributions — and flushes them at the end of the batch
// with multi-row statements (a few statements per batch, not one per
// dossier: on PostgreSQL each statement is a round trip).
type batchWriter struct {
	s       *Store
	tx      *sql.Tx
	cal     *Calendar
	now     string
	daily   map[aggregateKeyID]*DailyAggregate
	monthly map[aggregateKeyID]*DailyAggregate
	yearly  map[aggregateKeyID]*DailyAggregate
	staged  []stagedDossier
	byCode  map[string]int
	stmts   map[string]*preparedStmt // multi-row statements, prepared once per batch
	copy    db.CopyFunc              // PostgreSQL bulk load (db.BulkTx), or nil
	cache   *stmtCache               // statements kept for the whole import, or nil
	staging map[string]bool          // staging tables created in this transaction
	known   map[string]codeEntry     // PostgreSQL: tthc_dossier_codes as stored, for the codes read
	written *partitionWrites         // PostgreSQL bulk import: rows written per partition, or nil
}

// count adds n rows written into partition to the import's counts.
func (w *batchWriter) count(counts map[string]int) {
	if w.written != nil && w.s.db.Dialect == db.Postgres {
		w.written.add(counts)
	}
}

// stagedDossier is one dossier of the batch as it will be written, with
// its judgement.
type stagedDossier struct {
	next *StoredDossier
	j    judgement
	row  []any // prepared ahead (dossierValues without the times of writing), or nil
}

type preparedStmt struct {
	st    *sql.Stmt
	order []int // SQLite: the $N of each positional ? (see bindArgs)
}

// stmtCache keeps the bulk imports' statements prepared on the writer from
// one batch to the next and from one import to the next (SQLite: one
// connection, so each transaction reuses the statement compiled for an
// earlier batch instead of parsing it again). A statement first met inside
// a transaction is prepared on the transaction and remembered; fill
// prepares it on the database between two transactions, when the writer's
// only connection is free. One per Store (Store.bulkStmts), shared by
// concurrent imports. PostgreSQL keeps none: pgx has its own cache per
// connection.
type stmtCache struct {
	db      *sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending []string
}

// maxCachedStmts bounds the cache: each table is written with its
// full-size statement and those of 2^k rows (writeRowsSQLite).
const maxCachedStmts = 128

func newStmtCache(d *db.DB) *stmtCache {
	if d.Dialect != db.SQLite {
		return &stmtCache{}
	}
	return &stmtCache{db: d.W, stmts: map[string]*sql.Stmt{}}
}

// stmt returns the statement for text within tx, prepared once per import
// when the cache has room; ok is false when the caller must prepare it.
func (c *stmtCache) stmt(ctx context.Context, tx *sql.Tx, text string) (*sql.Stmt, bool, error) {
	if c == nil || c.stmts == nil {
		return nil, false, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.stmts[text]
	if !ok {
		if len(c.stmts)+len(c.pending) < maxCachedStmts {
			c.pending = append(c.pending, text)
		}
		return nil, false, nil
	}
	return tx.StmtContext(ctx, st), true, nil
}

// fill prepares the statements met since the last call; it runs outside
// any transaction of the writer.
func (c *stmtCache) fill(ctx context.Context) error {
	if c == nil || c.stmts == nil {
		return nil
	}
	// Not under the lock: preparing waits for the writer's one connection,
	// which another import's transaction may hold while it asks the cache
	// for a statement (stmt) — holding the lock here deadlocked two
	// concurrent imports.
	c.mu.Lock()
	pending := c.pending
	c.pending = nil
	c.mu.Unlock()
	for _, text := range pending {
		c.mu.Lock()
		_, ok := c.stmts[text]
		c.mu.Unlock()
		if ok {
			continue
		}
		st, err := c.db.PrepareContext(ctx, text)
		if err != nil {
			return err
		}
		c.mu.Lock()
		if _, ok := c.stmts[text]; ok {
			st.Close()
		} else {
			c.stmts[text] = st
		}
		c.mu.Unlock()
	}
	return nil
}

func (w *batchWriter) prepare(ctx context.Context, query string) (*preparedStmt, error) {
	if p, ok := w.stmts[query]; ok {
		return p, nil
	}
	text, order := bindArgs(w.s.db.Dialect, query)
	st, ok, err := w.cache.stmt(ctx, w.tx, text)
	if err != nil {
		return nil, err
	}
	if !ok {
		if st, err = w.tx.PrepareContext(ctx, text); err != nil {
			return nil, err
		}
	}
	p := &preparedStmt{st: st, order: order}
	w.stmts[query] = p
	return p, nil
}

func (p *preparedStmt) args(args []any) []any {
	if p.order == nil {
		return args
	}
	out := make([]any, len(p.order))
	for i, n := range p.order {
		out[i] = args[n-1]
	}
	return out
}

// exec runs a statement through a prepared copy kept for the batch, so a
// statement of a given shape is parsed once.
func (w *batchWriter) exec(ctx context.Context, query string, args ...any) error {
	p, err := w.prepare(ctx, query)
	if err != nil {
		return err
	}
	_, err = p.st.ExecContext(ctx, p.args(args)...)
	return err
}

func (w *batchWriter) close() {
	for _, p := range w.stmts {
		p.st.Close()
	}
	clear(w.stmts)
}

type aggregateKeyID struct {
	period     string
	unit, proc int64
}

func newBatchWriter(s *Store, tx *sql.Tx, cal *Calendar) *batchWriter {
	return &batchWriter{s: s, tx: tx, cal: cal, now: db.FormatTime(s.now()),
		daily: map[aggregateKeyID]*DailyAggregate{}, monthly: map[aggregateKeyID]*DailyAggregate{},
		yearly: map[aggregateKeyID]*DailyAggregate{}, byCode: map[string]int{}, stmts: map[string]*preparedStmt{},
		staging: map[string]bool{}, known: map[string]codeEntry{}}
}

// Engine-specific batch writing: the statements carry the same rows on both
// engines; SQLite takes multi-row VALUES lists (writeRowsSQLite), PostgreSQL
// one typed array per column (writeRowsPostgres).
//
// rowsPerStatement is how many rows of perRow parameters one SQLite
// multi-row statement carries: a few thousand parameters.
func rowsPerStatement(_ db.Dialect, perRow int) int {
	return max(1, 4000/perRow)
}

// bindArgs rewrites a statement's numbered parameters for the engine. On
// SQLite, $N is a named parameter and binding looks each name up in a list
// (time quadratic in the number of parameters: the reason multi-row
// statements were kept tiny), while a plain ? binds by position in constant
// time; so $N becomes ? and order says which argument goes to each ?
// (nil when they go in the order given). PostgreSQL keeps $N (order nil).
func bindArgs(d db.Dialect, query string) (string, []int) {
	if d == db.Postgres {
		return query, nil
	}
	var b strings.Builder
	order := []int{}
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c != '$' || i+1 >= len(query) || query[i+1] < '0' || query[i+1] > '9' {
			b.WriteByte(c)
			continue
		}
		n := 0
		for i+1 < len(query) && query[i+1] >= '0' && query[i+1] <= '9' {
			i++
			n = n*10 + int(query[i]-'0')
		}
		order = append(order, n)
		b.WriteByte('?')
	}
	for i, n := range order {
		if n != i+1 {
			return b.String(), order
		}
	}
	return b.String(), nil // $1, $2, … in order: the arguments as given
}

// dossierColumnsWritten are the columns a batch writes, in the order of
// dossierArgs, then created_at and updated_at.
const dossierColumnsWritten = `code, procedure_id, unit_id, applicant_type, applicant_sealed, applicant_masked,
	id_number_sealed, id_number_masked, phone_sealed, phone_masked, channel, submitted_at, received_at, received_day,
	appointment_at, returned_at, status, fee, paid_online, digitised, reused_data, electronic_result, certified_copy,
	personal_storage, population_data, synced, rating, complaint, end_at, end_day, verdict, due_day, overdue_from,
	history, supplements, created_at, updated_at`

// dossierUpsertTail replaces every column but created_at on a conflict of
// code; on PostgreSQL the unique key is (code, received_day) (see
// partition_dossiers.go: a dossier whose day of receipt changed was moved
// to its new partition first, by moveDossiers).
func dossierUpsertTail(d db.Dialect) string {
	key := "code"
	if d == db.Postgres {
		key = "code, received_day"
	}
	var set []string
	for _, c := range strings.Split(dossierColumnsWritten, ",") {
		if c = strings.TrimSpace(c); !strings.Contains(key, c) && c != "created_at" {
			set = append(set, c+" = excluded."+c)
		}
	}
	return " ON CONFLICT (" + key + ") DO UPDATE SET " + strings.Join(set, ", ")
}

// dossierValues is the row of next for dossierColumnsWritten, written at now.
func dossierValues(next *StoredDossier, j judgement, now string) []any {
	dg := next.Digitisation
	return []any{next.Code, next.ProcedureID, next.Unit, next.ApplicantType, next.applicantSealed, next.ApplicantMasked,
		next.idSealed, next.IDMasked, next.phoneSealed, next.PhoneMasked, int(next.Channel), nullTime(next.SubmittedAt),
		nullTime(next.ReceivedAt), nullDay(next.Start()), nullTime(next.AppointmentAt), nullTime(next.ReturnedAt),
		int(next.Status), next.Fee, int(next.PaidOnline), db.Bool(dg.ComponentsDigitised), db.Bool(dg.ReusedData),
		db.Bool(dg.ElectronicResult), db.Bool(dg.CertifiedCopy), db.Bool(dg.PersonalStorage), db.Bool(dg.PopulationData),
		db.Bool(next.Synced), int(next.Feedback.Rating), db.Bool(next.Feedback.Complaint),
		j.endAt, j.endDay, int(j.verdict), j.due, j.overdueFrom, encodeHistory(next.Events),
		encodeSupplements(next.Supplements), now, now}
}

// write stages next (replacing old when not nil; old may be a dossier staged
// earlier in the same batch) and records the change of its contributions.
// Nothing is written before flush.
func (w *batchWriter) write(_ context.Context, old, next *StoredDossier, terms func(int64) ProcedureTerms) error {
	// One judgement gives both the stored verdict and the contributions.
	o := classify(next.Dossier, w.cal, terms(next.ProcedureID).Statutory, farFuture, false)
	w.writeJudged(old, judged{next: next, outcome: o, contributions: contributionsOf(next.Dossier, o)}, terms)
	return nil
}

// writeJudged is write for a dossier already judged.
func (w *batchWriter) writeJudged(old *StoredDossier, d judged, terms func(int64) ProcedureTerms) {
	next := d.next
	j := judgementOf(next.Dossier, d.outcome)
	next.Verdict = j.verdict
	if old != nil {
		w.add(old.Dossier, old.Unit, old.ProcedureID, terms(old.ProcedureID), -1)
	}
	w.addRows(d.contributions, next.Unit, next.ProcedureID, +1)
	staged := stagedDossier{next: next, j: j, row: d.row}
	if i, ok := w.byCode[next.Code]; ok {
		w.staged[i] = staged
		return
	}
	w.byCode[next.Code] = len(w.staged)
	w.staged = append(w.staged, staged)
}

// multiRow writes rows of perRow arguments with head (INSERT INTO t (cols))
// and tail (ORDER BY …, ON CONFLICT …): each engine its own way, in the
// function pair below.
func (w *batchWriter) multiRow(ctx context.Context, table, columns, tail string, perRow int, args []any) error {
	if len(args) == 0 {
		return nil
	}
	if w.copy != nil {
		return w.writeRowsCopy(ctx, table, columns, tail, perRow, args)
	}
	head := "INSERT INTO " + table + " (" + columns + ")"
	if w.s.db.Dialect == db.Postgres {
		return w.writeRowsPostgres(ctx, head, tail, perRow, args)
	}
	return w.writeRowsSQLite(ctx, head, tail, perRow, args)
}

// writeRowsSQLite: head VALUES (row),(row)… tail, as many rows per statement
// as rowsPerStatement allows (SQLite pays no round trip; binding is by
// position, see bindArgs). The rows left after the full statements go in
// statements of 2^k rows (64, 32, …, 1), so that a table is written with a
// few statement shapes only, each prepared once per import (stmtCache)
// instead of a new odd-sized statement compiled every batch.
func (w *batchWriter) writeRowsSQLite(ctx context.Context, head, tail string, perRow int, args []any) error {
	full := rowsPerStatement(w.s.db.Dialect, perRow)
	for start := 0; start < len(args); {
		rows := (len(args) - start) / perRow
		if rows < full {
			rows = 1 << (bits.Len(uint(rows)) - 1)
		} else {
			rows = full
		}
		chunk := args[start : start+rows*perRow]
		start += rows * perRow
		if err := w.exec(ctx, sqliteRowsStatement(head, tail, perRow, rows), chunk...); err != nil {
			return err
		}
	}
	return nil
}

// rowsShape is a multi-row statement of writeRowsSQLite.
type rowsShape struct {
	head, tail   string
	perRow, rows int
}

// sqliteRowsTexts keeps the text of each statement shape (a few per
// table): writing out thousands of placeholders for every statement of
// every batch cost 3% of an import.
var sqliteRowsTexts sync.Map // rowsShape → string

func sqliteRowsStatement(head, tail string, perRow, rows int) string {
	shape := rowsShape{head, tail, perRow, rows}
	if text, ok := sqliteRowsTexts.Load(shape); ok {
		return text.(string)
	}
	var b strings.Builder
	b.WriteString(head + " VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(" + placeholders(i*perRow+1, perRow) + ")")
	}
	b.WriteString(tail)
	sqliteRowsTexts.Store(shape, b.String())
	return b.String()
}

// writeRowsPostgres: head SELECT * FROM unnest($1::text[], $2::bigint[], …)
// tail, one statement for the whole batch whatever its size. Each column
// goes as one typed array (bound in binary, one parameter per column), so
// the server neither parses nor binds tens of thousands of parameters.
// Text columns may hold NULL (a nil element); integer columns may not.
func (w *batchWriter) writeRowsPostgres(ctx context.Context, head, tail string, perRow int, args []any) error {
	rows := len(args) / perRow
	cols := make([]any, perRow)
	types := make([]string, perRow)
	for c := range perRow {
		switch args[c].(type) {
		case string, sql.NullString:
			col := make([]*string, rows)
			for r := range rows {
				switch v := args[r*perRow+c].(type) {
				case string:
					col[r] = &v
				case sql.NullString:
					if v.Valid {
						col[r] = &v.String
					}
				}
			}
			cols[c], types[c] = col, "text[]"
		default:
			col := make([]int64, rows)
			for r := range rows {
				switch v := args[r*perRow+c].(type) {
				case int:
					col[r] = int64(v)
				case int64:
					col[r] = v
				default:
					return fmt.Errorf("tthc: column %d: unexpected %T", c, v)
				}
			}
			cols[c], types[c] = col, "bigint[]"
		}
	}
	var b strings.Builder
	b.WriteString(head + " SELECT * FROM unnest(")
	for c, t := range types {
		if c > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "$%d::%s", c+1, t)
	}
	b.WriteString(")" + tail)
	return w.exec(ctx, b.String(), cols...)
}

// writeRowsCopy (PostgreSQL in a db.BulkTx): the rows go by COPY into a
// temporary staging table shaped like the target's columns (created once
// per transaction, dropped at its end), then one statement moves them:
// WITH s AS (DELETE FROM stage RETURNING cols) INSERT INTO table (cols)
// SELECT cols FROM s tail — the same upsert as the other writers, and the
// stage is empty again for the next flush of the transaction.
func (w *batchWriter) writeRowsCopy(ctx context.Context, table, columns, tail string, perRow int, args []any) error {
	stage := "tthc_stage_" + strings.TrimPrefix(table, "tthc_")
	if !w.staging[stage] {
		if err := w.exec(ctx, "CREATE TEMPORARY TABLE "+stage+" ON COMMIT DROP AS SELECT "+columns+" FROM "+table+" WITH NO DATA"); err != nil {
			return fmt.Errorf("staging table for %s: %w", table, err)
		}
		w.staging[stage] = true
	}
	if err := w.copy(ctx, stage, columnList(columns), len(args)/perRow, func(i int) []any { return args[i*perRow : (i+1)*perRow] }); err != nil {
		return fmt.Errorf("copy into %s: %w", stage, err)
	}
	return w.exec(ctx, "WITH s AS (DELETE FROM "+stage+" RETURNING "+columns+") INSERT INTO "+table+" ("+columns+") SELECT "+columns+" FROM s"+tail)
}

// copyNew (PostgreSQL in a db.BulkTx) writes rows that cannot conflict
// with a stored row straight into table by COPY, without writeRowsCopy's
// staging table and upsert: their codes have no entry in
// tthc_dossier_codes (read in this transaction, which holds the locks of
// their partitions), so no row of theirs is stored. Should one be stored
// all the same, the code table's primary key fails the batch, loudly.
func (w *batchWriter) copyNew(ctx context.Context, table, columns string, perRow int, args []any) error {
	if len(args) == 0 {
		return nil
	}
	return w.copy(ctx, table, columnList(columns), len(args)/perRow, func(i int) []any { return args[i*perRow : (i+1)*perRow] })
}

// columnList splits a list of columns written "a, b, c".
func columnList(columns string) []string {
	cols := strings.Split(columns, ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	return cols
}

// flushDossiers writes the staged dossiers, with their histories and
// supplement requests, in one upsert per chunk.
func (w *batchWriter) flushDossiers(ctx context.Context) error {
	if len(w.staged) == 0 {
		return nil
	}
	const perDossier = 37
	args := make([]any, 0, len(w.staged)*perDossier)
	var fresh []any // PostgreSQL bulk: dossiers stored nowhere yet (copyNew)
	for _, sd := range w.staged {
		row := sd.row
		if row == nil {
			row = dossierValues(sd.next, sd.j, w.now)
		} else {
			row[len(row)-2], row[len(row)-1] = w.now, w.now // created_at, updated_at
		}
		if _, stored := w.known[sd.next.Code]; w.copy != nil && !stored {
			fresh = append(fresh, row...)
		} else {
			args = append(args, row...)
		}
	}
	if w.s.db.Dialect == db.Postgres {
		if err := w.keepCodes(ctx); err != nil {
			return err
		}
	}
	if err := w.copyNew(ctx, "tthc_dossiers", dossierColumnsWritten, perDossier, fresh); err != nil {
		return fmt.Errorf("tthc: write new dossiers: %w", err)
	}
	if err := w.multiRow(ctx, "tthc_dossiers", dossierColumnsWritten, dossierUpsertTail(w.s.db.Dialect), perDossier, args); err != nil {
		return fmt.Errorf("tthc: write dossiers: %w", err)
	}
	if w.written != nil {
		counts := map[string]int{}
		for _, sd := range w.staged {
			counts[dossierPartition(nullDay(sd.next.Start()))]++
		}
		w.count(counts)
	}
	w.staged = w.staged[:0]
	clear(w.byCode)
	return nil
}

// add folds sign × the dossier's contributions into the batch's changes.
func (w *batchWriter) add(d Dossier, unit, proc int64, terms ProcedureTerms, sign int64) {
	w.addRows(Contributions(d, w.cal, terms), unit, proc, sign)
}

// addRows folds sign × contributions of a dossier of unit and proc into the
// batch's changes.
func (w *batchWriter) addRows(contributions []DailyAggregate, unit, proc int64, sign int64) {
	for _, c := range contributions {
		c = scaled(c, sign)
		day := c.Day.String()
		for _, k := range []struct {
			m   map[aggregateKeyID]*DailyAggregate
			key string
		}{{w.daily, day}, {w.monthly, day[:7]}, {w.yearly, day[:4]}} {
			id := aggregateKeyID{k.key, unit, proc}
			if r, ok := k.m[id]; ok {
				r.Add(c)
			} else {
				c := c
				k.m[id] = &c
			}
		}
	}
}

func scaled(a DailyAggregate, sign int64) DailyAggregate {
	if sign == 1 {
		return a
	}
	var neg DailyAggregate
	neg.Day, neg.UnitID, neg.ProcedureCode = a.Day, a.UnitID, a.ProcedureCode
	v, n := aggregateFields(&a), aggregateFields(&neg)
	for i := range v {
		*n[i] = -*v[i]
	}
	return neg
}

// aggregateColumns are the counters of tthc_daily and tthc_monthly, in the
// order of aggregateFields.
var aggregateColumns = []string{"received", "received_online", "synced", "fee_bearing", "paid_online", "digitised",
	"personal_storage", "reused_data", "certified_copy", "population_data", "handled", "handled_early",
	"handled_on_time", "handled_late", "resolved", "electronic_result", "disapproved", "overdue_delta"}

func aggregateFields(a *DailyAggregate) []*int64 {
	return []*int64{&a.Received, &a.ReceivedOnline, &a.Synced, &a.FeeBearing, &a.PaidOnline, &a.Digitised,
		&a.PersonalStorage, &a.ReusedData, &a.CertifiedCopy, &a.PopulationData, &a.Handled, &a.HandledEarly,
		&a.HandledOnTime, &a.HandledLate, &a.Resolved, &a.ElectronicResult, &a.Disapproved, &a.OverdueDelta}
}

func (w *batchWriter) flush(ctx context.Context) error {
	if err := w.flushDossiers(ctx); err != nil {
		return err
	}
	totals := overdueTotals(w.yearly) // before the loop clears the yearly rows
	for _, t := range []struct {
		table, key string
		rows       map[aggregateKeyID]*DailyAggregate
	}{{"tthc_daily", "day", w.daily}, {"tthc_monthly", "month", w.monthly}, {"tthc_yearly", "year", w.yearly}} {
		if err := w.upsertAggregates(ctx, t.table, t.key, t.rows); err != nil {
			return err
		}
		clear(t.rows)
	}
	return w.upsertOverdueTotals(ctx, totals)
}

func (w *batchWriter) upsertAggregates(ctx context.Context, table, key string, rows map[aggregateKeyID]*DailyAggregate) error {
	perRow := 3 + len(aggregateColumns)
	var set strings.Builder
	for i, c := range aggregateColumns {
		if i > 0 {
			set.WriteString(", ")
		}
		fmt.Fprintf(&set, "%s = %s.%s + excluded.%s", c, table, c, c)
	}
	columns := key + ", unit_id, procedure_id, " + strings.Join(aggregateColumns, ", ")
	tail := " ON CONFLICT (" + key + ", unit_id, procedure_id) DO UPDATE SET " + set.String()
	if w.s.db.Dialect == db.Postgres {
		// Writers of different dossiers (an import's lanes, a pushed event)
		// update the same counters at once; taking their row locks in key
		// order means one waits for the other's commit, never both for
		// each other (a deadlock). SQLite's one writer needs no order.
		tail = " ORDER BY 1, 2, 3" + tail
	}
	args := make([]any, 0, len(rows)*perRow)
	var counts map[string]int
	if w.written != nil {
		counts = map[string]int{}
	}
	for k, r := range rows {
		zero := true
		for _, v := range aggregateFields(r) {
			zero = zero && *v == 0
		}
		if zero {
			continue
		}
		if counts != nil {
			for _, t := range aggregateTables {
				if t.name == table {
					counts[aggregatePartition(t, k.period)]++
				}
			}
		}
		args = append(args, k.period, k.unit, k.proc)
		for _, v := range aggregateFields(r) {
			args = append(args, *v)
		}
	}
	if err := w.multiRow(ctx, table, columns, tail, perRow, args); err != nil {
		return fmt.Errorf("tthc: update %s: %w", table, err)
	}
	w.count(counts)
	return nil
}

// rejudgeProcedure moves the contributions of a procedure's dossiers from
// the old terms to the new ones and updates their stored verdicts.
func (s *Store) rejudgeProcedure(ctx context.Context, tx *sql.Tx, procID int64, before, after ProcedureTerms) error {
	cal, err := loadCalendar(ctx, tx)
	if err != nil {
		return err
	}
	_, err = s.rejudge(ctx, tx, "d.procedure_id = $1", []any{procID}, cal, cal,
		func(int64) ProcedureTerms { return before }, func(int64) ProcedureTerms { return after })
	return err
}

// rejudge recomputes the verdicts and aggregate contributions of the
// dossiers matching where, from (calBefore, before) to (calAfter, after),
// a page at a time, and returns how many it re-judged.
func (s *Store) rejudge(ctx context.Context, tx *sql.Tx, where string, args []any, calBefore, calAfter *Calendar,
	before, after func(int64) ProcedureTerms) (int, error) {
	if err := s.lockPartitions(ctx, tx, nil); err != nil {
		return 0, err
	}
	var lastID int64
	n := 0
	for {
		page, err := loadDossiers(ctx, tx, where+fmt.Sprintf(" AND d.id > $%d ORDER BY d.id LIMIT 500", len(args)+1), append(args, lastID)...)
		if err != nil {
			return n, err
		}
		if len(page) == 0 {
			return n, nil
		}
		w := newBatchWriter(s, tx, calAfter)
		defer w.close()
		for _, d := range page {
			lastID = d.ID
			w.cal = calBefore
			w.add(d.Dossier, d.Unit, d.ProcedureID, before(d.ProcedureID), -1)
			w.cal = calAfter
			t := after(d.ProcedureID)
			w.add(d.Dossier, d.Unit, d.ProcedureID, t, +1)
			j := judge(d.Dossier, calAfter, t)
			if _, err := tx.ExecContext(ctx, `UPDATE tthc_dossiers SET end_at = $1, end_day = $2, verdict = $3, due_day = $4, overdue_from = $5 WHERE id = $6`,
				j.endAt, j.endDay, int(j.verdict), j.due, j.overdueFrom, d.ID); err != nil {
				return n, fmt.Errorf("tthc: rejudge %s: %w", d.Code, err)
			}
		}
		n += len(page)
		if err := w.flush(ctx); err != nil {
			return n, err
		}
	}
}
