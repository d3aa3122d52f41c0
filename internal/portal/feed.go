package portal

import (
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// An agency's Atom feed (RFC 4287) of what it published: the reports it
// issued, its answers to feedback of public interest and the legal
// documents of its register, newest first. Each entry's id is a tag URI
// (RFC 4151) minted from the portal's host name, the day the record was
// entered and its kind and number, so it never changes however often the
// entry is read or edited.

// feedPerSource is how many of each kind of record the feed reads;
// feedEntries how many entries it keeps.
const (
	feedPerSource = 20
	feedEntries   = 40
)

const atomType = "application/atom+xml; charset=utf-8"

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published"`
	Link      atomLink     `xml:"link"`
	Category  atomCategory `xml:"category"`
	Summary   atomText     `xml:"summary"`
}

// feedItem is one thing the agency published, before it is an entry.
type feedItem struct {
	Kind      string // report, answer, legal
	Term      string // the category: plan, legal_expired, answer, legal
	Key       string // the record's number in its register: "bao-cao/12"
	Title     string
	Summary   string
	Path      string // the page or file on the portal, from the site's root
	Published time.Time
	Updated   time.Time
}

// feedInput is what a feed is made of.
type feedInput struct {
	Origin string // scheme and host of the site, "https://congkhai.hungyen.gov.vn"
	Lang   string
	Agency Agency
	Items  []feedItem
}

// atomTime is an instant as Atom writes it (RFC 3339), in Viet Nam's time.
func atomTime(t time.Time) string { return t.In(vn.Location()).Format(time.RFC3339) }

// tagURI mints the id of a record: tag:host,day:key (RFC 4151), day being
// when the record was entered.
func tagURI(origin string, day time.Time, key string) string {
	host := origin
	if u, err := url.Parse(origin); err == nil && u.Host != "" {
		host = u.Host
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return "tag:" + strings.ToLower(host) + "," + day.In(vn.Location()).Format("2006-01-02") + ":" + key
}

// buildFeed makes the feed: entries newest first (updated, then id, so the
// order is the same every time), at most feedEntries, and the feed updated
// when its latest entry was (the agency's opening day when it has none).
func buildFeed(in feedInput) atomFeed {
	a := in.Agency
	home := in.Origin + Base + "/" + url.PathEscape(a.Code)
	f := atomFeed{Lang: in.Lang, ID: tagURI(in.Origin, a.ValidFrom, "cong-khai/"+a.Code),
		Title: web.T(in.Lang, "portal.feed.title", a.Name), Subtitle: web.T(in.Lang, "portal.feed.subtitle"),
		Author: atomPerson{Name: a.Name, URI: home},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: home + "/atom.xml" + langQuery(in.Lang)},
			{Rel: "alternate", Type: "text/html", Href: home + langQuery(in.Lang)}}}
	items := slices.Clone(in.Items)
	slices.SortStableFunc(items, func(x, y feedItem) int {
		if c := y.Updated.Compare(x.Updated); c != 0 {
			return c
		}
		return cmp.Compare(y.Key, x.Key)
	})
	if len(items) > feedEntries {
		items = items[:feedEntries]
	}
	updated := a.ValidFrom
	if len(items) > 0 {
		updated = items[0].Updated
	}
	f.Updated = atomTime(updated)
	for _, it := range items {
		f.Entries = append(f.Entries, atomEntry{ID: tagURI(in.Origin, it.Published, it.Key), Title: it.Title,
			Updated: atomTime(it.Updated), Published: atomTime(it.Published),
			Link:     atomLink{Rel: "alternate", Href: in.Origin + it.Path},
			Category: atomCategory{Term: it.Term, Label: web.T(in.Lang, "portal.feed.kind."+it.Term)},
			Summary:  atomText{Type: "text", Text: it.Summary}})
	}
	return f
}

func langQuery(lang string) string {
	if lang == web.LangEN {
		return "?lang=en"
	}
	return ""
}

// marshalFeed writes the feed as an XML document.
func marshalFeed(f atomFeed) ([]byte, error) {
	body, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(body, '\n')...), nil
}

// feedItems reads what the agency published from each source wired.
func (h *handler) feedItems(ctx context.Context, a *Agency, lang string) ([]feedItem, error) {
	agencyPath := Base + "/" + url.PathEscape(a.Code)
	q := langQuery(lang)
	var items []feedItem
	if h.src.Reports != nil {
		reports, err := h.src.Reports.Issued(ctx, a.Unit, feedPerSource)
		if err != nil {
			return nil, err
		}
		for _, r := range reports {
			title := r.Title
			if r.Number != "" {
				title = web.T(lang, "portal.feed.report", r.Number) + ": " + r.Title
			}
			items = append(items, feedItem{Kind: "report", Term: r.Kind, Key: fmt.Sprintf("bao-cao/%d", r.ID), Title: title,
				Summary: web.T(lang, "portal.feed.report.summary", r.Unit, vn.FormatDate(r.IssuedOn)),
				Path:    reportPath(agencyPath, r, lang), Published: r.Created, Updated: r.Created})
		}
	}
	if h.src.Answers != nil {
		answers, _, err := h.src.Answers.Answers(ctx, a.Unit, 1, feedPerSource)
		if err != nil {
			return nil, err
		}
		for _, an := range answers {
			// An answer does not change once published: the day it was
			// published is both its times.
			items = append(items, feedItem{Kind: "answer", Term: "answer", Key: fmt.Sprintf("tra-loi/%d", an.ID),
				Title:   web.T(lang, "portal.feed.answer", kindName(lang, an.Kind), vn.FormatDate(an.Published)),
				Summary: an.Text, Path: fmt.Sprintf("%s/tra-loi/%d%s", agencyPath, an.ID, q), Published: an.Published, Updated: an.Published})
		}
	}
	if h.src.Legal != nil {
		docs, err := h.src.Legal.Recent(ctx, a.Unit, feedPerSource)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			items = append(items, feedItem{Kind: "legal", Term: "legal", Key: fmt.Sprintf("van-ban/%d", d.ID), Title: d.Number + " " + d.Title,
				Summary:   web.T(lang, "portal.feed.legal.summary", d.Type, d.IssuingBody, d.IssuedOn, d.EffectiveFrom, web.T(lang, "portal.status."+d.Status)),
				Path:      legalPath(agencyPath, d, lang),
				Published: d.Created, Updated: d.Updated})
		}
	}
	return items, nil
}

// reportPath is the portal page that shows a report: a plan's report on
// the plan's report page, a list of expired documents on the list's page
// of its year.
func reportPath(agencyPath string, r Report, lang string) string {
	q := url.Values{}
	if lang == web.LangEN {
		q.Set("lang", web.LangEN)
	}
	path := fmt.Sprintf("%s/ke-hoach/%d/bao-cao/%d", agencyPath, r.SourceID, r.ID)
	if r.Kind == "legal_expired" {
		path = agencyPath + "/van-ban/het-hieu-luc"
		q.Set("nam", r.Period)
	}
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return path
}

// legalPath is the portal page that lists a document: the yearly list of
// expired documents of the year it ended, for one that ended whole; the
// documents in force, searched by its number, otherwise.
func legalPath(agencyPath string, d RecentDocument, lang string) string {
	q := url.Values{}
	path := agencyPath + "/van-ban"
	if d.Status == "expired" && !d.Expired.IsZero() {
		path += "/het-hieu-luc"
		q.Set("nam", strconv.Itoa(d.Expired.Year()))
	} else {
		q.Set("q", d.Number)
	}
	if lang == web.LangEN {
		q.Set("lang", web.LangEN)
	}
	return path + "?" + q.Encode()
}

// kindName is a kind of case in lower case, for a sentence.
func kindName(lang, kind string) string {
	return strings.ToLower(web.T(lang, "portal.reception.kind."+kind))
}

// feed answers an agency's Atom feed, cached like a page.
func (h *handler) feed(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, func(ctx context.Context, p params) (built, error) {
		a, err := agency(ctx, h.units, r.PathValue("agency"), h.today())
		if err != nil {
			return built{}, err
		}
		items, err := h.feedItems(ctx, &a, p.lang)
		if err != nil {
			return built{}, err
		}
		body, err := marshalFeed(buildFeed(feedInput{Origin: web.Origin(r), Lang: p.lang, Agency: a, Items: items}))
		return built{status: http.StatusOK, raw: body, ctype: atomType}, err
	})
}
