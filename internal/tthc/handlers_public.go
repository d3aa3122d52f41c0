package tthc

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type lookupPage struct {
	Code     string
	Agency   string
	Searched bool
	Found    *PublicDossier
	Limited  bool
}

// lookup answers the public look-up, rate-limited per client address.
func (h *handler) lookup(r *http.Request, code, agency string) (PublicDossier, error) {
	path := ""
	if agency != "" {
		u, err := h.store.UnitByCode(r.Context(), agency)
		if errors.Is(err, ErrNotFound) {
			return PublicDossier{}, ErrNotFound
		}
		if err != nil {
			return PublicDossier{}, err
		}
		path = u.Path
	}
	return h.store.PublicDossier(r.Context(), strings.TrimSpace(code), path)
}

var errLimited = errors.New("rate limited")

// lookupPage is the public page where a citizen types a dossier code.
func (h *handler) lookupPage(w http.ResponseWriter, r *http.Request) {
	page := lookupPage{Code: strings.TrimSpace(r.FormValue("ma")), Agency: r.FormValue("co_quan")}
	status := http.StatusOK
	if page.Code != "" {
		page.Searched = true
		if !h.limiter.Allow(clientIP(r)) {
			page.Limited, status = true, http.StatusTooManyRequests
			w.Header().Set("Retry-After", "1")
		} else {
			d, err := h.lookup(r, page.Code, page.Agency)
			switch {
			case errors.Is(err, ErrNotFound):
				status = http.StatusNotFound
			case errors.Is(err, ErrArchived):
				h.render.Gone(w, r, err.Error())
				return
			case err != nil:
				h.render.Error(w, r, err)
				return
			default:
				page.Found = &d
			}
		}
	}
	h.render.PageStatus(w, r, status, "tthc/lookup", page)
}

func (h *handler) apiLookup(w http.ResponseWriter, r *http.Request) {
	if h.limiter.Refused(w, r) {
		return
	}
	d, err := h.lookup(r, r.PathValue("code"), r.FormValue("agency"))
	if errors.Is(err, ErrNotFound) {
		web.WriteAPIError(w, r, http.StatusNotFound, "not_found", nil)
		return
	}
	if err != nil {
		h.failed(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, d)
}

// apiIndex returns the index of ?unit= (a unit code or id; default the
// caller's unit) over ?period=, with its breakdowns.
func (h *handler) apiIndex(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	var unit UnitInfo
	var err error
	switch v := r.FormValue("unit"); {
	case v == "":
		unit, err = h.store.Unit(r.Context(), user.UnitID)
	default:
		if id, perr := strconv.ParseInt(v, 10, 64); perr == nil {
			unit, err = h.store.Unit(r.Context(), id)
		} else {
			unit, err = h.store.UnitByCode(r.Context(), v)
		}
	}
	if errors.Is(err, ErrNotFound) {
		web.WriteAPIError(w, r, http.StatusNotFound, "not_found", nil)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if !user.Can(org.ActRead, unit.Path) {
		web.WriteAPIError(w, r, http.StatusForbidden, "forbidden", nil)
		return
	}
	period, err := h.periodFor(r)
	if err != nil {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", web.FieldErrors{"period": "tthc.period.invalid"})
		return
	}
	rep, err := h.store.Index(r.Context(), unit, period, IndexOptions{Breakdowns: r.FormValue("breakdowns") != "0"})
	if err != nil {
		h.failed(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, rep)
}

// eventsResponse is the answer of POST /api/v1/dossiers/events.
type eventsResponse struct {
	Applied   int        `json:"applied"`
	Unchanged int        `json:"unchanged"`
	Rejected  []RowError `json:"rejected"`
}

// apiEvents takes status events pushed by a provincial system: a JSON
// object or array of objects, each either a whole dossier in the sync
// payload's shape (with NgayTiepNhan) or an event {MaHoSo, TrangThaiHoSo,
// ThoiDiem}. The batch is applied in one transaction; pushing it again
// changes nothing; events may arrive out of order.
func (h *handler) apiEvents(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		web.WriteAPIError(w, r, http.StatusRequestEntityTooLarge, "too_large", nil)
		return
	}
	var items []json.RawMessage
	trimmed := strings.TrimSpace(string(body))
	if strings.HasPrefix(trimmed, "[") {
		err = json.Unmarshal(body, &items)
	} else {
		items = []json.RawMessage{json.RawMessage(trimmed)}
	}
	if err != nil || len(items) == 0 || len(items) > 5000 {
		web.WriteAPIError(w, r, http.StatusBadRequest, "bad_request", nil)
		return
	}
	var batch []Incoming
	var resp eventsResponse
	for i, raw := range items {
		in, re := decodePushed(i+1, raw)
		if re != nil {
			resp.Rejected = append(resp.Rejected, *re)
			continue
		}
		batch = append(batch, in)
	}
	if len(resp.Rejected) > 0 {
		web.WriteJSON(w, http.StatusUnprocessableEntity, resp)
		return
	}
	im, err := h.store.NewImporter(r.Context(), user.Actor(), "API", "")
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	im.Allow = func(unitPath string) bool { return user.Can(org.ActWork, unitPath) }
	res, err := im.Apply(r.Context(), batch)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	resp.Applied, resp.Unchanged, resp.Rejected = res.Imported, res.Unchanged, res.Rejected
	status := http.StatusOK
	if len(resp.Rejected) > 0 {
		status = http.StatusUnprocessableEntity
	}
	if resp.Rejected == nil {
		resp.Rejected = []RowError{}
	}
	web.WriteJSON(w, status, resp)
}

// decodePushed reads one pushed item: a whole dossier, or an event.
func decodePushed(n int, raw json.RawMessage) (Incoming, *RowError) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return Incoming{}, &RowError{Line: n, Reason: "không phải một đối tượng JSON hợp lệ"}
	}
	if _, full := probe["NgayTiepNhan"]; full {
		rec, err := decodeJSONLine(n, raw)
		var re *RowError
		if errors.As(err, &re) {
			return Incoming{}, re
		}
		if err != nil {
			return Incoming{}, &RowError{Line: n, Reason: err.Error()}
		}
		return IncomingFromRecord(rec), nil
	}
	get := func(k string) string {
		var s flexString
		if v, ok := probe[k]; ok && s.UnmarshalJSON(v) == nil {
			return strings.TrimSpace(string(s))
		}
		return ""
	}
	code := get("MaHoSo")
	if _, err := ParseCode(code); err != nil {
		return Incoming{}, &RowError{Line: n, Field: "MaHoSo", Reason: "mã hồ sơ không hợp lệ"}
	}
	st, err := strconv.Atoi(get("TrangThaiHoSo"))
	if err != nil || !Status(st).Valid() {
		return Incoming{}, &RowError{Line: n, Field: "TrangThaiHoSo", Reason: "trạng thái phải là số từ 1 đến 10"}
	}
	at, err := ParseSyncTime(get("ThoiDiem"))
	if err != nil {
		return Incoming{}, &RowError{Line: n, Field: "ThoiDiem", Reason: err.Error()}
	}
	if at.After(time.Now().Add(24 * time.Hour)) {
		return Incoming{}, &RowError{Line: n, Field: "ThoiDiem", Reason: fmt.Sprintf("thời điểm %s ở tương lai", FormatSyncTime(at))}
	}
	return Incoming{Line: n, EventOnly: true, Dossier: Dossier{Code: code, Events: []Event{{Status: Status(st), At: at}}}}, nil
}
