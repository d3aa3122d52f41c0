package portal

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

func TestATagURINamesTheHostTheDayAndTheRecord(t *testing.T) {
	day := time.Date(2026, 3, 5, 23, 30, 0, 0, time.UTC) // 06/03 in Viet Nam
	for _, tc := range []struct {
		origin, key, want string
	}{
		{"https://congkhai.hungyen.gov.vn", "tra-loi/12", "tag:congkhai.hungyen.gov.vn,2026-03-06:tra-loi/12"},
		{"http://127.0.0.1:8080", "bao-cao/3", "tag:127.0.0.1,2026-03-06:bao-cao/3"},
		{"https://CongKhai.HungYen.gov.vn:443", "van-ban/7", "tag:congkhai.hungyen.gov.vn,2026-03-06:van-ban/7"},
	} {
		if got := tagURI(tc.origin, day, tc.key); got != tc.want {
			t.Errorf("tagURI(%q, %q) = %q, want %q", tc.origin, tc.key, got, tc.want)
		}
	}
}

// feedFixture is an agency with one record of each kind, their texts
// holding what XML must escape.
func feedFixture() feedInput {
	at := func(s string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, vn.Location())
		if err != nil {
			panic(err)
		}
		return t
	}
	return feedInput{Origin: "https://congkhai.example.vn", Lang: "vi",
		Agency: Agency{Unit: org.Unit{Code: "000.07.00.H33", Name: "Sở Khoa học & Công nghệ", ValidFrom: at("2008-08-01 00:00")}},
		Items: []feedItem{
			{Kind: "legal", Term: "legal", Key: "van-ban/4", Title: "12/2026/QĐ-UBND Quy định <mới> về \"chuyển đổi số\"",
				Summary: "Quyết định do UBND tỉnh ban hành ngày 01/03/2026.", Path: "/cong-khai/000.07.00.H33/van-ban?q=12%2F2026",
				Published: at("2026-03-02 09:15"), Updated: at("2026-03-04 10:00")},
			{Kind: "answer", Term: "answer", Key: "tra-loi/9", Title: "Trả lời kiến nghị ngày 05/03/2026",
				Summary: "Sở đã sửa lỗi & thêm hướng dẫn\x0b.", Path: "/cong-khai/000.07.00.H33/tra-loi/9",
				Published: at("2026-03-05 00:00"), Updated: at("2026-03-05 00:00")},
			{Kind: "report", Term: "plan", Key: "bao-cao/3", Title: "Báo cáo 7/BC-SKHCN: Kết quả quý I",
				Summary: "Sở Khoa học và Công nghệ ban hành ngày 03/03/2026.", Path: "/cong-khai/000.07.00.H33/bao-cao/3",
				Published: at("2026-03-03 16:40"), Updated: at("2026-03-03 16:40")},
		}}
}

func TestTheFeedIsAtomNewestFirstWithItsTextEscaped(t *testing.T) {
	got, err := marshalFeed(buildFeed(feedFixture()))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "feed.golden.xml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("feed:\n%s\nwant:\n%s", got, want)
	}
	// It reads back as the same entries.
	var back struct {
		Entries []struct {
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Entries) != 3 || back.Entries[1].Title != "12/2026/QĐ-UBND Quy định <mới> về \"chuyển đổi số\"" || back.Entries[0].Summary != "Sở đã sửa lỗi & thêm hướng dẫn\uFFFD." {
		t.Fatalf("read back: %+v", back.Entries)
	}
}

func TestAFeedWithNothingPublishedIsUpdatedWhenTheAgencyOpened(t *testing.T) {
	in := feedFixture()
	in.Items = nil
	f := buildFeed(in)
	if f.Updated != "2008-08-01T00:00:00+07:00" || len(f.Entries) != 0 || f.ID != "tag:congkhai.example.vn,2008-08-01:cong-khai/000.07.00.H33" {
		t.Fatalf("empty feed: %+v", f)
	}
}

func TestTheFeedKeepsTheNewestEntries(t *testing.T) {
	in := feedFixture()
	base := in.Items[0]
	in.Items = nil
	for i := range feedEntries + 5 {
		it := base
		it.Key = "van-ban/" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		it.Updated = base.Updated.Add(time.Duration(i) * time.Hour)
		in.Items = append(in.Items, it)
	}
	f := buildFeed(in)
	if len(f.Entries) != feedEntries || f.Updated != atomTime(base.Updated.Add(time.Duration(feedEntries+4)*time.Hour)) ||
		f.Entries[feedEntries-1].Updated != atomTime(base.Updated.Add(5*time.Hour)) {
		t.Fatalf("%d entries, updated %s, last %s", len(f.Entries), f.Updated, f.Entries[len(f.Entries)-1].Updated)
	}
}
