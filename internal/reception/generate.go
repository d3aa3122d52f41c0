package reception

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// GenerateSpec says what synthetic register to make: how many entries over
// which units, received in which year, up to which day.
type GenerateSpec struct {
	UnitIDs []int64
	Year    int
	Entries int
	Seed    uint64
	// DossierCodes, when given, are dossiers some entries name: a fifth of
	// the complaints and a tenth of the petitions and reflections.
	DossierCodes []string
}

// Generated is a synthetic case as written, for a test's independent count.
type Generated struct {
	Case
	Handling    Handling
	DossierCode string
}

// Generate writes a synthetic year of the register for benchmarks and
// end-to-end tests: entries of every kind and channel received on the
// year's working days up to today, most accepted, the cases answered (on
// time or late), left open, withdrawn or transferred, feedback rated. Rows
// go in batches of 2,000, one transaction and one audit entry per batch.
// The names are made up and sealed like real ones; generated cases have no
// timeline.
func (s *Store) Generate(ctx context.Context, spec GenerateSpec) ([]Generated, error) {
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(spec.Seed, spec.Seed^0x9e3779b97f4a7c15))
	today := s.Today()
	first, last := Day(spec.Year, 1, 1), Day(spec.Year, 12, 31)
	if last.After(today) {
		last = today
	}
	var days []time.Time
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		if cal.IsWorkingDay(d) {
			days = append(days, d)
		}
	}
	if len(days) == 0 || len(spec.UnitIDs) == 0 {
		return nil, fmt.Errorf("reception: generate: no working day or no unit")
	}
	var out []Generated
	for len(out) < spec.Entries {
		n := min(2000, spec.Entries-len(out))
		batch := make([]Generated, 0, n)
		for range n {
			g := s.synthetic(rng, spec.UnitIDs, days, today, cal)
			if codes := spec.DossierCodes; len(codes) > 0 {
				// Drawn only when asked, so that a seed gives the same register as before.
				if share := map[bool]int{true: 5, false: 10}[g.Kind == Complaint]; g.Kind != Denunciation && rng.IntN(share) == 0 {
					g.DossierCode = codes[rng.IntN(len(codes))]
				}
			}
			batch = append(batch, g)
		}
		if err := s.db.Tx(ctx, func(tx *sql.Tx) error { return s.writeGenerated(ctx, tx, batch) }); err != nil {
			return out, err
		}
		out = append(out, batch...)
	}
	return out, nil
}

var syntheticNames = []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Đỗ Văn Hải"}

// synthetic makes one entry and its case by the rules.
func (s *Store) synthetic(rng *rand.Rand, units []int64, days []time.Time, today time.Time, cal Calendar) Generated {
	g := Generated{}
	c := &g.Case
	c.UnitID = units[rng.IntN(len(units))]
	c.ReceivedOn = days[rng.IntN(len(days))]
	switch p := rng.IntN(100); {
	case p < 35:
		c.Kind = Petition
	case p < 70:
		c.Kind = Reflection
	case p < 90:
		c.Kind = Complaint
		c.Round = 1 + rng.IntN(10)/9
	default:
		c.Kind = Denunciation
	}
	c.Summary = "Nội dung " + string(c.Kind) + " tổng hợp"
	switch p := rng.IntN(100); {
	case c.Kind == Denunciation && p < 10:
		g.Handling = Stored
	case p < 85:
		g.Handling = Accepted
	case p < 95:
		g.Handling = Guided
	default:
		g.Handling = Transferred
	}
	if g.Handling != Accepted {
		return g
	}
	rule, err := s.rules.For(c.Kind, c.Round, c.ReceivedOn)
	if err != nil {
		panic("reception: generate: " + err.Error())
	}
	c.AcceptedOn = c.ReceivedOn.AddDate(0, 0, rng.IntN(4))
	if c.AcceptedOn.After(today) {
		c.AcceptedOn = today
	}
	c.Remote = rng.IntN(20) == 0
	if rng.IntN(5) == 0 && c.Kind != Petition && c.Kind != Reflection {
		c.Complexity = Complex
	}
	if c.Kind == Denunciation && c.Complexity == Complex && rng.IntN(2) == 0 {
		c.Extensions = 1
	}
	c.Due = rule.ResolveDue(c.facts(), cal)
	c.Status = StAssigned
	switch p := rng.IntN(100); {
	case p < 3:
		c.Status, c.EndedOn = StWithdrawn, c.AcceptedOn.AddDate(0, 0, 2)
	case p < 5:
		c.Status, c.EndedOn, c.TransferredTo, c.TransferLetter = StTransferred, c.AcceptedOn.AddDate(0, 0, 2), "UBND tỉnh", "01/CV"
	case p < 85:
		// Answered: most within the term, some up to a fifth late.
		span := int(c.Due.Sub(c.AcceptedOn).Hours()/24) + 1
		c.DecidedOn = c.AcceptedOn.AddDate(0, 0, rng.IntN(span+span/5+1))
		if c.DecidedOn.After(today) {
			c.DecidedOn = time.Time{}
			break
		}
		c.Status, c.Answer = StAnswered, "Đã trả lời"
		if c.Kind.Feedback() && rng.IntN(10) < 7 {
			c.Rating = Satisfied
			if rng.IntN(100) < 15 {
				c.Rating = Dissatisfied
			}
		}
	}
	if !c.EndedOn.IsZero() && c.EndedOn.After(today) {
		c.EndedOn = today
	}
	return g
}

// writeGenerated inserts a batch: entries, their cases, one audit entry.
func (s *Store) writeGenerated(ctx context.Context, tx *sql.Tx, batch []Generated) error {
	now := db.FormatTime(s.now())
	next := map[[2]int64]int{}
	delta := map[foldKey]foldDay{}
	for i := range batch {
		g := &batch[i]
		c := &g.Case
		c.Year = c.ReceivedOn.Year()
		key := [2]int64{c.UnitID, int64(c.Year)}
		if _, ok := next[key]; !ok {
			var seq int
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM reception_entries WHERE unit_id = $1 AND year = $2`, c.UnitID, c.Year).Scan(&seq); err != nil {
				return err
			}
			next[key] = seq
		}
		next[key]++
		c.Seq = next[key]
		anonymous := g.Handling == Stored
		var p sealed
		if !anonymous {
			var err error
			name := syntheticNames[(c.Seq+int(c.UnitID))%len(syntheticNames)]
			if p, err = s.seal(Person{Name: name, Address: "Hưng Yên", Phone: "0912345678"}, c.Kind == Denunciation); err != nil {
				return err
			}
		}
		e := Entry{Seq: c.Seq, Year: c.Year, Summary: c.Summary}
		if err := tx.QueryRowContext(ctx, `
INSERT INTO reception_entries (unit_id, year, seq, received_on, channel, kind, anonymous, people, name_sealed, name_masked, address_sealed,
	phone_sealed, phone_masked, summary, round, remote, handling, handling_to, handling_letter, handled_on, search_fold, created_by, created_at, updated_at, dossier_code)
VALUES ($1, $2, $3, $4, 'online', $5, $6, 1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 'generate', $20, $20, $21) RETURNING id`,
			c.UnitID, c.Year, c.Seq, fmtDay(c.ReceivedOn), string(c.Kind), boolInt(anonymous), p.name, p.nameMasked, p.address, p.phone, p.phoneMasked,
			c.Summary, c.Round, boolInt(c.Remote), string(g.Handling), handlingTo(g.Handling), handlingLetter(g.Handling), fmtDay(c.ReceivedOn),
			searchFold(e), now, g.DossierCode).Scan(&c.EntryID); err != nil {
			return fmt.Errorf("reception: generate entry: %w", err)
		}
		if g.Handling != Accepted {
			continue
		}
		if err := tx.QueryRowContext(ctx, `
INSERT INTO reception_cases (entry_id, unit_id, kind, round, complexity, remote, received_on, accepted_on, due_on, extensions, status, open,
	decided_on, answer, ended_on, transferred_to, transfer_letter, rating, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id`,
			c.EntryID, c.UnitID, string(c.Kind), c.Round, int(c.Complexity), boolInt(c.Remote), fmtDay(c.ReceivedOn), fmtDay(c.AcceptedOn), fmtDay(c.Due),
			c.Extensions, string(c.Status), boolInt(c.Status.Open()), fmtDay(c.DecidedOn), c.Answer, fmtDay(c.EndedOn), c.TransferredTo, c.TransferLetter,
			string(c.Rating), now).Scan(&c.ID); err != nil {
			return fmt.Errorf("reception: generate case: %w", err)
		}
		caseFold(*c).fold(delta, 1)
	}
	if err := applyFold(ctx, tx, delta); err != nil {
		return err
	}
	return audit.Write(ctx, tx, audit.Entry{Actor: audit.System, Action: "generate", Entity: "reception_entries",
		Summary: fmt.Sprintf("Sinh dữ liệu thử: %d lượt đơn", len(batch))})
}

func handlingTo(h Handling) string {
	if h == Guided || h == Transferred {
		return "UBND xã"
	}
	return ""
}

func handlingLetter(h Handling) string {
	if h == Guided || h == Transferred {
		return "01/HD"
	}
	return ""
}
