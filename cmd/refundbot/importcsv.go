package main

import (
	"context"
	"io"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// importStore is what the importers need from storage.
type importStore interface {
	conversations.ProviderStore
	conversations.WalletStore
}

// importResult is the outcome of checking a file against the store.
type importResult struct {
	Fresh, Updated, Unchanged int
	Bad                       []rowError
	Written                   bool
}

// importOptions are the settings of one import.
type importOptions struct {
	Region  string // phone region for numbers without a country code
	Now     time.Time
	SkipBad bool
}

// importer reads one CSV file into the store.
type importer func(ctx context.Context, st importStore, r io.Reader, opts importOptions) (importResult, error)
