package org

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

type tokensPage struct {
	Tokens   []Token
	NewToken string // shown once, right after creation
	Username string
	Errors   web.FieldErrors
}

func (h *handler) tokens(w http.ResponseWriter, r *http.Request) {
	h.tokensPage(w, r, http.StatusOK, tokensPage{})
}

func (h *handler) tokensPage(w http.ResponseWriter, r *http.Request, status int, page tokensPage) {
	toks, err := h.store.Tokens(r.Context(), CurrentUser(r).UnitPath)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Tokens = toks
	h.render.PageStatus(w, r, status, "org/tokens", page)
}

func (h *handler) createToken(w http.ResponseWriter, r *http.Request) {
	admin := CurrentUser(r)
	username := r.PostFormValue("username")
	owner, err := h.store.UserByUsername(r.Context(), username)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !admin.Can(ActAdmin, owner.UnitPath)) {
		h.tokensPage(w, r, http.StatusUnprocessableEntity, tokensPage{Username: username, Errors: web.FieldErrors{"username": "org.token.user.unknown"}})
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	token, err := h.store.CreateToken(r.Context(), admin.Actor(), owner.ID, r.PostFormValue("name"))
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.tokensPage(w, r, http.StatusOK, tokensPage{NewToken: token})
}

func (h *handler) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	path, err := h.store.TokenOwnerPath(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	if !CurrentUser(r).Can(ActAdmin, path) {
		h.render.Forbidden(w, r)
		return
	}
	if err := h.store.RevokeToken(r.Context(), CurrentUser(r).Actor(), id); err != nil {
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, "org.token.revoked")
	http.Redirect(w, r, "/admin/tokens", http.StatusSeeOther)
}

type auditPage struct {
	Records []audit.Record
	Filter  audit.Filter
	From    string
	To      string
	More    bool
}

// auditLog browses the log. An administrator of the whole tree sees every
// entry; one of a sub-unit sees the entries about units in their subtree.
func (h *handler) auditLog(w http.ResponseWriter, r *http.Request) {
	user := CurrentUser(r)
	q := r.URL.Query()
	p := web.PageOf(r)
	f := audit.Filter{Actor: q.Get("actor"), Entity: q.Get("entity"), EntityID: q.Get("entity_id"), Action: q.Get("action"), Page: p.Page, PerPage: p.PerPage}
	if strings.Count(user.UnitPath, "/") > 2 {
		units, err := h.store.Units(r.Context(), UnitFilter{Scope: user.UnitPath, IncludeClosed: true})
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		f.UnitIDs = []int64{}
		for _, u := range units {
			f.UnitIDs = append(f.UnitIDs, u.ID)
		}
	}
	page := auditPage{From: q.Get("from"), To: q.Get("to")}
	if page.From != "" {
		if t, err := vn.ParseDate(page.From); err == nil {
			f.From = t
		}
	}
	if page.To != "" {
		if t, err := vn.ParseDate(page.To); err == nil {
			f.To = t.Add(24 * time.Hour)
		}
	}
	recs, more, err := audit.List(r.Context(), h.store.db.R, f)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Records, page.Filter, page.More = recs, f, more
	h.render.Render(w, r, "org/audit", page)
}
