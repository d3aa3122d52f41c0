package vn

import (
	"slices"
	"testing"
)

func BenchmarkCompareNames(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Compare("Nguyễn Văn Anh", "Nguyễn Văn Ánh")
	}
}

func BenchmarkSortKeyName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		SortKey("Nguyễn Thị Minh Khai")
	}
}

func BenchmarkSortProvinces(b *testing.B) {
	list := handSorted["provinces"]
	b.ReportAllocs()
	for b.Loop() {
		s := slices.Clone(list)
		slices.Reverse(s)
		slices.SortFunc(s, Compare)
	}
}
