package csvimport

import (
	"context"
	"io"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// Store is what the importers need from storage.
type Store interface {
	conversations.ProviderStore
	conversations.WalletStore
}

// Result is the outcome of checking a file against the store.
type Result struct {
	Fresh, Updated, Unchanged int
	Bad                       []RowError
	Written                   bool
}

// Options are the settings of one import.
type Options struct {
	Region  string // phone region for numbers without a country code
	Now     time.Time
	SkipBad bool
}

// Importer reads one CSV file into the store.
type Importer func(ctx context.Context, st Store, r io.Reader, opts Options) (Result, error)
