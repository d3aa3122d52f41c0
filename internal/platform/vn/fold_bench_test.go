package vn

import "testing"

// A search row as it comes from the database: a procedure name with its unit.
const benchRow = "Thủ tục đăng ký thường trú — Công an xã Tân Hưng, huyện Văn Lâm, tỉnh Hưng Yên"

func BenchmarkFoldVietnameseRow(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold(benchRow)
	}
}

func BenchmarkFoldDefinitionVietnameseRow(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		foldSlow(benchRow)
	}
}

func BenchmarkFoldPlainASCII(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold("thu tuc dang ky thuong tru")
	}
}
