package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/cmdline"
	"github.com/rockerstop/refundbot/conversations"
)

// MissingCase explains a case ID that is not in the store: which IDs do
// exist (they run from RF-1 to the newest, with no gaps), the nearest of
// them, or that there are none yet.
func (a *App) MissingCase(ctx context.Context, id string) error {
	cases, err := a.Store.Cases(ctx, "")
	if err != nil {
		return fmt.Errorf("no case %s (and the cases could not be listed: %w)", id, err)
	}
	if len(cases) == 0 {
		return fmt.Errorf("no case %s: there are no cases in %s yet", id, a.Config.Storage.Path)
	}
	newest := cases[0].ID // Cases lists newest first
	have := map[string]bool{}
	for _, c := range cases {
		have[c.ID] = true
	}
	upper := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(id), " ", ""))
	if !strings.HasPrefix(upper, "RF-") {
		upper = "RF-" + strings.TrimLeft(strings.TrimPrefix(upper, "RF"), "-_")
	}
	if have[upper] {
		return fmt.Errorf("no case %s; did you mean %s?", id, upper)
	}
	oldest := conversations.CaseID(cases[len(cases)-1].Seq)
	return fmt.Errorf("no case %s: the cases here run from %s to %s (the newest)", id, oldest, newest)
}

// CheckJobName says which jobs exist when name is none of them, suggesting
// the closest; it needs only the config, not the database.
func CheckJobName(cfg Config, name string) error {
	var names []string
	for _, j := range cfg.Jobs.All() {
		if j.Name == name {
			return nil
		}
		names = append(names, j.Name)
	}
	if best := cmdline.Closest(name, names); best != "" {
		return fmt.Errorf("no job %q; did you mean %q? The jobs are: %s", name, best, strings.Join(names, ", "))
	}
	return fmt.Errorf("no job %q. The jobs are: %s", name, strings.Join(names, ", "))
}
