package portal

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

// sitemapProcedurePages bounds the catalogue pages the sitemap reads per
// agency (200 procedures a page).
const sitemapProcedurePages = 50

type sitemapURL struct {
	Loc string `xml:"loc"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemap lists every portal page a search engine should read: each open
// agency's sections and each of its procedures. The look-up and the forms
// are left out: they hold nothing to index.
func (h *handler) sitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := agencies(ctx, h.units, h.today())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	o := web.Origin(r)
	set := urlSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: []sitemapURL{{Loc: o + Base}}}
	sections := []string{"", "/thu-tuc", "/chi-so", "/van-ban", "/van-ban/het-hieu-luc"}
	if h.src.Reception != nil {
		sections = append(sections, "/tiep-cong-dan")
	}
	if h.src.Surveys != nil {
		sections = append(sections, "/khao-sat")
	}
	if h.src.Answers != nil {
		sections = append(sections, "/tra-loi")
	}
	for _, a := range list {
		home := o + Base + "/" + url.PathEscape(a.Code)
		for _, s := range sections {
			set.URLs = append(set.URLs, sitemapURL{Loc: home + s})
		}
		plans, err := h.sitemapPlans(ctx, home, a)
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		set.URLs = append(set.URLs, plans...)
		if err := h.sitemapPublished(ctx, a, home, &set); err != nil {
			h.render.Error(w, r, err)
			return
		}
		if h.src.Procedures == nil {
			continue
		}
		for page := 1; page <= sitemapProcedurePages; page++ {
			procs, more, err := h.src.Procedures.Procedures(ctx, a, "", page, 200)
			if err != nil {
				h.render.Error(w, r, err)
				return
			}
			for _, p := range procs {
				set.URLs = append(set.URLs, sitemapURL{Loc: home + "/thu-tuc/" + url.PathEscape(p.Code)})
			}
			if !more {
				break
			}
		}
	}
	body, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(body)
}

// robots lets search engines read the portal and nothing else: the rest of
// papihub is behind a sign-in, and a look-up's answer is one citizen's.
func (h *handler) robots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	// The portal's JSON API publishes the same as its pages: open data,
	// which a search engine may read too.
	fmt.Fprintf(&b, "User-agent: *\nAllow: %s\nAllow: %s\nDisallow: %s/*/tra-cuu\nDisallow: %s/*/gop-y\nDisallow: /\n\nSitemap: %s%s/sitemap.xml\n",
		Base, APIBase, Base, Base, web.Origin(r), Base)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write([]byte(b.String()))
}

// sitemapPublished adds an agency's published survey results and answers.
func (h *handler) sitemapPublished(ctx context.Context, a org.Unit, home string, set *urlSet) error {
	if h.src.Surveys != nil {
		list, err := h.src.Surveys.Surveys(ctx, a)
		if err != nil {
			return err
		}
		for _, s := range list {
			if !s.Open {
				set.URLs = append(set.URLs, sitemapURL{Loc: fmt.Sprintf("%s/khao-sat/%d", home, s.ID)})
			}
		}
	}
	if h.src.Answers == nil {
		return nil
	}
	for page := 1; page <= sitemapProcedurePages; page++ {
		list, more, err := h.src.Answers.Answers(ctx, a, page, 200)
		if err != nil {
			return err
		}
		for _, an := range list {
			set.URLs = append(set.URLs, sitemapURL{Loc: fmt.Sprintf("%s/tra-loi/%d", home, an.ID)})
		}
		if !more {
			return nil
		}
	}
	return nil
}
