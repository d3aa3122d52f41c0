package secret

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealedValuesOpenWithTheSameKeyOnly(t *testing.T) {
	dir := t.TempDir()
	a, err := Load("", dir)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := a.Seal("001203012345")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "001203012345") || !strings.HasPrefix(sealed, "v1:") {
		t.Fatalf("sealed = %q", sealed)
	}
	again, _ := a.Seal("001203012345")
	if again == sealed {
		t.Fatal("two seals of one value must differ (random nonce)")
	}
	// The same data directory gives the same key.
	b, err := Load("", dir)
	if err != nil {
		t.Fatal(err)
	}
	if plain, err := b.Open(sealed); err != nil || plain != "001203012345" {
		t.Fatalf("Open = %q, %v", plain, err)
	}
	other, _ := Load(base64.StdEncoding.EncodeToString(make([]byte, 32)), "")
	if _, err := other.Open(sealed); err != ErrTampered {
		t.Fatalf("another key: err = %v", err)
	}
	if _, err := a.Open(sealed[:len(sealed)-2] + "AA"); err != ErrTampered {
		t.Fatalf("changed value: err = %v", err)
	}
	if info, err := os.Stat(filepath.Join(dir, keyFile)); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", info, err)
	}
}

func TestEmptyStaysEmptyAndBadKeysAreRefused(t *testing.T) {
	box, _ := New(make([]byte, 32))
	if s, _ := box.Seal(""); s != "" {
		t.Fatalf("Seal(\"\") = %q", s)
	}
	if _, err := Load("not base64!", ""); err == nil {
		t.Fatal("a malformed key must be refused")
	}
	if _, err := New(make([]byte, 16)); err == nil {
		t.Fatal("a short key must be refused")
	}
}
