package province

import (
	"net/http"

	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// RowJSON is a dashboard row in the API.
type RowJSON struct {
	UnitID        int64    `json:"unit_id"`
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	Kind          string   `json:"kind"`
	Instances     int      `json:"instances"`
	Done          int      `json:"done"`
	Submitted     int      `json:"submitted"`
	Returned      int      `json:"returned"`
	Overdue       int      `json:"overdue"`
	Percent       float64  `json:"percent"`
	Index         *float64 `json:"index"`
	PreviousIndex *float64 `json:"previous_index"`
	Report        string   `json:"report"`
	Late          bool     `json:"late"`
	ReportID      int64    `json:"report_id,omitempty"`
}

func known(s IndexScore) *float64 {
	if !s.Known {
		return nil
	}
	v := s.Total
	return &v
}

func rowJSON(r Row) RowJSON {
	return RowJSON{UnitID: r.Unit.ID, Code: r.Unit.Code, Name: r.Unit.Name, Kind: string(r.Unit.Kind), Instances: r.Progress.Total, Done: r.Progress.Done,
		Submitted: r.Progress.Submitted, Returned: r.Progress.Returned, Overdue: r.Progress.Overdue, Percent: r.Progress.Percent(),
		Index: known(r.Index), PreviousIndex: known(r.Previous), Report: string(r.Report), Late: r.Late, ReportID: r.ReportID}
}

func (h *handler) apiSummary(w http.ResponseWriter, r *http.Request) {
	p, ok := h.view(w, r)
	if !ok {
		return
	}
	rows := make([]RowJSON, len(p.Shown))
	for i, x := range p.Shown {
		rows[i] = rowJSON(x)
	}
	t := p.Totals
	out := map[string]any{
		"scope":    map[string]any{"id": p.Scope.ID, "code": p.Scope.Code, "name": p.Scope.Name},
		"period":   p.Span.Key,
		"previous": p.Previous.Key,
		"rows":     rows,
		"totals": map[string]any{"units": t.Units, "reported": t.Reported, "late": t.Late, "returned": t.Returned,
			"instances": t.Progress.Total, "done": t.Progress.Done, "overdue": t.Progress.Overdue, "percent": t.Progress.Percent(), "index_mean": known(t.IndexMean)},
	}
	if p.Round != nil {
		out["round_id"] = p.Round.ID
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// RoundJSON is a round in the API.
type RoundJSON struct {
	ID       int64           `json:"id"`
	Period   string          `json:"period"`
	Deadline string          `json:"deadline"`
	Note     string          `json:"note,omitempty"`
	Units    []RoundUnitJSON `json:"units,omitempty"`
}

// RoundUnitJSON is one unit of a round in the API.
type RoundUnitJSON struct {
	UnitID      int64  `json:"unit_id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Status      string `json:"status"`
	Late        bool   `json:"late"`
	ReportID    int64  `json:"report_id,omitempty"`
	SubmittedOn string `json:"submitted_on,omitempty"`
	Comment     string `json:"comment,omitempty"`
	StandInID   int64  `json:"stand_in_id,omitempty"`
}

func roundJSON(x Round) RoundJSON {
	return RoundJSON{ID: x.ID, Period: x.Period, Deadline: db.FormatDate(x.Deadline), Note: x.Note}
}

func (h *handler) apiRounds(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	province, ok := h.provinceOf(w, r, user)
	if !ok {
		return
	}
	list, err := h.store.Rounds(r.Context(), province.ID, 200)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	out := make([]RoundJSON, len(list))
	for i, x := range list {
		out[i] = roundJSON(x)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"rounds": out})
}

func (h *handler) apiRound(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	round, province, ok := h.loadRound(w, r, user)
	if !ok {
		return
	}
	units, err := h.store.RoundUnits(r.Context(), round)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	out := roundJSON(round)
	today := h.store.Today()
	manage := mayManage(user, province)
	for _, u := range units {
		if !manage && !user.Can(org.ActRead, u.Unit.Path) && !(u.StandIn.ID != 0 && user.Can(org.ActRead, u.StandIn.Path)) {
			continue
		}
		j := RoundUnitJSON{UnitID: u.Unit.ID, Code: u.Unit.Code, Name: u.Unit.Name, Status: string(u.Status), Late: u.Late(today, round.Deadline),
			ReportID: u.ReportID, Comment: u.Comment, StandInID: u.StandIn.ID}
		if !u.SubmittedOn.IsZero() {
			j.SubmittedOn = db.FormatDate(u.SubmittedOn)
		}
		out.Units = append(out.Units, j)
	}
	web.WriteJSON(w, http.StatusOK, out)
}

type roundRequest struct {
	Period   string `json:"period"`
	Deadline string `json:"deadline"`
	Note     string `json:"note"`
}

func (h *handler) apiOpenRound(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	var req roundRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	in, errs := RoundForm{Period: req.Period, Deadline: req.Deadline, Note: req.Note}.input()
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	province, ok := h.provinceOf(w, r, user)
	if !ok {
		return
	}
	if !mayManage(user, province) {
		h.render.Forbidden(w, r)
		return
	}
	ha, err := h.homeAffairsOf(r, user, province)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	id, err := h.store.OpenRound(r.Context(), user.Actor(), province, ha, in)
	if fields, ok := web.AsValidation(err); ok {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", fields)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	round, err := h.store.Round(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, roundJSON(round))
}
