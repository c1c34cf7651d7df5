package csvimport

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rockerstop/refundbot/conversations"
)

// csvRow is one data row of a CSV file, its fields by column name.
type csvRow struct {
	line   int
	fields map[string]string
}

func (r csvRow) get(col string) string { return r.fields[col] }

// RowError is one bad row: its line in the file and why.
type RowError struct {
	Line int
	Msg  string
}

func rowErrorf(line int, format string, args ...any) RowError {
	return RowError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// readCSV reads a CSV file with a header row. Columns are found by name in
// any order; a missing required column, an unknown or repeated column is
// an error for the whole file. A row that cannot be read (a stray quote,
// the wrong number of fields) is a RowError and reading goes on, so every
// bad row is reported at once; but a quote whose error spans lines (it
// opened and never closed) fails the whole file, naming the line where it
// opened, since the lines it swallowed cannot be told apart. Fields are
// trimmed.
func readCSV(r io.Reader, required, optional []string) ([]csvRow, []RowError, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("the file is empty: want a header row %s", strings.Join(append(required, optional...), ","))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read the header row: %w", err)
	}
	cols := make([]string, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case !slices.Contains(required, h) && !slices.Contains(optional, h):
			return nil, nil, fmt.Errorf("line 1: unknown column %q (the columns are %s)", h, strings.Join(append(required, optional...), ","))
		case slices.Contains(cols[:i], h):
			return nil, nil, fmt.Errorf("line 1: column %q appears twice", h)
		}
		cols[i] = h
	}
	for _, want := range required {
		if !slices.Contains(cols, want) {
			return nil, nil, fmt.Errorf("line 1: missing column %q (the header must name %s)", want, strings.Join(required, ","))
		}
	}

	var rows []csvRow
	var bad []RowError
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && pe.Line > pe.StartLine {
			// A quote that opens and does not close where it should has
			// swallowed the lines after it: skipping this "row" would drop
			// good rows without a word, so the whole file fails.
			return nil, nil, fmt.Errorf("line %d: a quoted field opens here and is not closed properly (read up to line %d: %v); fix the quote, nothing was imported",
				pe.StartLine, pe.Line, pe.Err)
		}
		if errors.As(err, &pe) {
			bad = append(bad, rowErrorf(pe.StartLine, "cannot read the row: %v", pe.Err))
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if breaks := countBreaks(rec); breaks > 0 {
			// No field may hold a line break (policy's field rules), and a
			// row that runs over several lines may hide the rows it swallowed:
			// the whole file fails rather than skip them unseen.
			return nil, nil, fmt.Errorf("line %d: a quoted field opens here and runs on to line %d (a field may not hold a line break); fix the quote, nothing was imported",
				line, line+breaks)
		}
		if len(rec) != len(cols) {
			bad = append(bad, rowErrorf(line, "has %d fields, the header has %d", len(rec), len(cols)))
			continue
		}
		row := csvRow{line: line, fields: make(map[string]string, len(cols))}
		for i, v := range rec {
			row.fields[cols[i]] = strings.TrimSpace(v)
		}
		rows = append(rows, row)
	}
	return rows, bad, nil
}

// countBreaks counts the line breaks inside the fields of a record
// (encoding/csv turns CR LF in a quoted field into LF).
func countBreaks(rec []string) int {
	n := 0
	for _, f := range rec {
		n += strings.Count(f, "\n")
	}
	return n
}

// checkRows hands every row to add (a batch's Add) and collects the rows
// it refuses, with their line, after those readCSV found; any other error
// stops the import.
func checkRows(ctx context.Context, rows []csvRow, bad []RowError, add func(csvRow) error) ([]RowError, error) {
	for _, row := range rows {
		err := add(row)
		var re *conversations.RowError
		switch {
		case errors.As(err, &re):
			bad = append(bad, rowErrorf(row.line, "%s", re.Msg))
		case err != nil:
			return nil, err
		}
	}
	return bad, ctx.Err()
}
