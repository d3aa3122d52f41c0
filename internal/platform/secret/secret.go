// Package secret seals personal data (ID numbers, phone numbers) before it is
// stored, as Law 91/2025/QH15 and Decree 356/2025 require technical measures
// for basic personal data. Sealing is AES-256-GCM with a random nonce; the
// key never enters the database.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvKey names the environment variable holding the key: 32 bytes, base64.
// Every process that serves one database must have the same key; with
// SQLite and no variable set, a key file in the data directory is used.
const EnvKey = "PAPIHUB_SECRET_KEY"

// keyFile is created in the data directory when no key is configured.
const keyFile = "secret.key"

// version prefixes every sealed value so that a future key rotation can tell
// old values from new ones.
const version = "v1:"

// Box seals and opens values with one key.
type Box struct {
	aead cipher.AEAD
}

// New returns a Box for a 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("secret: key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead}, nil
}

// Load finds the key: the base64 value of envValue when set, otherwise the key
// file in dataDir, created with a fresh random key the first time.
func Load(envValue, dataDir string) (*Box, error) {
	if envValue != "" {
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(envValue))
		if err != nil {
			return nil, fmt.Errorf("secret: %s is not base64: %w", EnvKey, err)
		}
		return New(key)
	}
	path := filepath.Join(dataDir, keyFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("secret: %w", err)
		}
		// O_EXCL: two processes starting at once must not write two keys.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_, err = f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return nil, fmt.Errorf("secret: write %s: %w", path, err)
			}
			return New(key)
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("secret: create %s: %w", path, err)
		}
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("secret: read %s: %w", path, err)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("secret: %s is not base64: %w", path, err)
	}
	return New(key)
}

// Seal encrypts plain. The empty string stays empty, so "not given" remains
// visible without decrypting.
func (b *Box) Seal(plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := b.aead.Seal(nonce, nonce, []byte(plain), nil)
	return version + base64.RawStdEncoding.EncodeToString(out), nil
}

// ErrTampered is returned for a sealed value that does not decrypt: another
// key, or a changed value.
var ErrTampered = errors.New("secret: value does not decrypt with this key")

// Open decrypts a value made by Seal.
func (b *Box) Open(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	raw, ok := strings.CutPrefix(sealed, version)
	if !ok {
		return "", ErrTampered
	}
	data, err := base64.RawStdEncoding.DecodeString(raw)
	if err != nil || len(data) < b.aead.NonceSize() {
		return "", ErrTampered
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, data[:n], data[n:], nil)
	if err != nil {
		return "", ErrTampered
	}
	return string(plain), nil
}
