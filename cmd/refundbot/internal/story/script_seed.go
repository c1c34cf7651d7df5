package story

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/csvimport"
	"github.com/rockerstop/refundbot/storage"
)

// Story columns of a providers file: who the story calls the provider and
// their Telegram user ID. They are taken out before the real import.
const (
	colWho      = "who"
	colTelegram = "telegram"
)

// cmdProviders is `providers FILE`: import a providers CSV with the real
// csvimport.Importer (`refundbot import providers`). Besides the columns of
// DESIGN.md the file has two story columns, who (the name the story uses)
// and telegram (the provider's Telegram user ID).
func cmdProviders(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if neg || len(args) != 1 {
		ts.Fatalf("usage: providers FILE.csv")
	}
	rows, err := csv.NewReader(strings.NewReader(ts.ReadFile(args[0]))).ReadAll()
	if err != nil || len(rows) < 2 {
		ts.Fatalf("%s: want a header row and at least one provider (%v)", args[0], err)
	}
	header := rows[0]
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	who, tg := slices.Index(header, colWho), slices.Index(header, colTelegram)
	id, phone := slices.Index(header, "provider_id"), slices.Index(header, "phone")
	if who < 0 || tg < 0 || id < 0 || phone < 0 {
		ts.Fatalf("%s: the header must name who,telegram,provider_id,name,phone (and may name language,opening_balance)", args[0])
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	for n, row := range rows {
		var keep []string
		for i, f := range row {
			if i != who && i != tg {
				keep = append(keep, f)
			}
		}
		_ = cw.Write(keep)
		if n == 0 {
			continue
		}
		p, err := s.personOf(row[who], row[tg], row[id], row[phone])
		if err != nil {
			ts.Fatalf("%s:%d: %v", args[0], n+1, err)
		}
		if _, dup := s.people[p.name]; !dup {
			s.order = append(s.order, p.name)
		}
		s.people[p.name] = p
		s.logs.phone(p.phone)
	}
	cw.Flush()
	s.importFile(ts, args[0], buf.Bytes(), csvimport.Providers)
}

func (s *story) personOf(who, tg, id, phone string) (*person, error) {
	who = strings.ToLower(strings.TrimSpace(who))
	if who == "" || strings.ContainsAny(who, " \t") {
		return nil, fmt.Errorf("who must be one word, got %q", who)
	}
	tgID, err := strconv.ParseInt(strings.TrimSpace(tg), 10, 64)
	if err != nil || tgID <= 0 {
		return nil, fmt.Errorf("telegram must be a user ID (a positive number), got %q", tg)
	}
	e164, err := storage.NormalizePhone(strings.TrimSpace(phone), s.w.App.Config.Phone.DefaultRegion)
	if err != nil {
		return nil, fmt.Errorf("phone %q: %w", phone, err)
	}
	return &person{name: who, tgID: tgID, providerID: strings.TrimSpace(id), phone: e164}, nil
}

// cmdUnlocks is `unlocks FILE`: import an unlocks CSV with the real
// csvimport.Importer (`refundbot import unlocks`); each unlock debits the wallet.
func cmdUnlocks(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if neg || len(args) != 1 {
		ts.Fatalf("usage: unlocks FILE.csv")
	}
	data := ts.ReadFile(args[0])
	s.importFile(ts, args[0], []byte(data), csvimport.Unlocks)
}

// importFile runs a real csvimport.Importer on data and fails the story on any bad row.
func (s *story) importFile(ts *testscript.TestScript, name string, data []byte, imp csvimport.Importer) {
	res, err := imp(s.ctx, s.w.App.Store, bytes.NewReader(data), csvimport.Options{
		Region: s.w.App.Config.Phone.DefaultRegion, Now: s.clock.Now(),
	})
	if err != nil {
		ts.Fatalf("import %s: %v", name, err)
	}
	if len(res.Bad) > 0 {
		var lines []string
		for _, b := range res.Bad {
			lines = append(lines, fmt.Sprintf("%s:%d: %s", name, b.Line, b.Msg))
		}
		ts.Fatalf("import %s: bad rows, nothing written:\n%s", name, strings.Join(lines, "\n"))
	}
}
