package vn

import "testing"

func TestSymbolKeyMeetsHoweverTheNumberIsTyped(t *testing.T) {
	want := SymbolKey("12/2024/QĐ-UBND")
	for _, s := range []string{"12/2024/QD-UBND", "12 / 2024 / qđ-ubnd", "12/2024/QĐ–UBND", "12/2024/qđ\u00a0-UBND"} {
		if got := SymbolKey(s); got != want {
			t.Errorf("SymbolKey(%q) = %q, want %q", s, got, want)
		}
	}
	if SymbolKey("125/KL-TTr") == SymbolKey("126/KL-TTr") {
		t.Error("two numbers meet")
	}
}
