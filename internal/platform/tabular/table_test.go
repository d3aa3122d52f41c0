package tabular

import (
	"strings"
	"testing"
)

func TestOpenTableFindsTheHeaderBelowATitle(t *testing.T) {
	titles := map[string]string{HeaderKey("Số"): "number", HeaderKey("Nội dung"): "content", HeaderKey("Ghi chú"): "note"}
	file := "SỔ THEO DÕI\n\n Số ,Nội dung,Ghi chú\n1,a,b\n"
	tb, err := OpenTable(strings.NewReader(file), "csv", titles, "các cột Số và Nội dung", "number", "content")
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	if tb.Cols["number"] != 0 || tb.Cols["note"] != 2 || tb.Titles["number"] != "Số" {
		t.Fatalf("cols %v titles %v", tb.Cols, tb.Titles)
	}
	if _, err := OpenTable(strings.NewReader("Số,Ghi chú\n1,b\n"), "csv", titles, "các cột Số và Nội dung", "number", "content"); err == nil ||
		!strings.Contains(err.Error(), "các cột Số và Nội dung") {
		t.Fatalf("a header without Nội dung: %v, want an error naming the columns", err)
	}
}
