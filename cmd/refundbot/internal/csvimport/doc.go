// Package csvimport reads the CSV files of DESIGN.md (providers.csv,
// unlocks.csv) into the store: every bad row reported with its line, and
// nothing written while any row is bad unless the caller skips bad rows.
package csvimport
