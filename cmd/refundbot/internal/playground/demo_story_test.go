package playground

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestPlaygroundTellsItsStory: what a newcomer needs is on the page and
// in the start-up banner: each sample provider with the phone its contact
// button shares and its leads, every lead one the provider really
// unlocked; and the page has a favicon.
func TestPlaygroundTellsItsStory(t *testing.T) {
	r := newPGRig(t)
	res, err := http.Get(r.URL + "/api/setup")
	if err != nil {
		t.Fatal(err)
	}
	var setup setupView
	err = json.NewDecoder(res.Body).Decode(&setup)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(setup.Personas) != 3 {
		t.Fatalf("setup lists %d providers, want 3", len(setup.Personas))
	}
	var banner bytes.Buffer
	if err := seedDemo(t.Context(), r.w.App, &banner); err != nil {
		t.Fatal(err)
	}
	for _, p := range setup.Personas {
		unlocks, err := r.w.App.Store.Unlocks(t.Context(), p.ProviderID)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Leads) == 0 || len(p.Leads) != len(unlocks) {
			t.Errorf("%s: the page offers %d leads, the store holds %d unlocks", p.ProviderID, len(p.Leads), len(unlocks))
		}
		for _, l := range p.Leads {
			u, err := r.w.App.Store.Unlock(t.Context(), p.ProviderID, l.LeadID)
			if err != nil || u.Coins != l.Coins {
				t.Errorf("%s: lead %s shown with %d coins; the store has %+v (%v)", p.ProviderID, l.LeadID, l.Coins, u, err)
			}
			if !lineWith(banner.String(), p.ProviderID, l.LeadID) {
				t.Errorf("the banner has no line naming %s and its lead %s:\n%s", p.ProviderID, l.LeadID, banner.String())
			}
		}
		if p.PhoneShown == "" || !lineWith(banner.String(), p.ProviderID, p.PhoneShown) {
			t.Errorf("the banner does not give %s's phone %q:\n%s", p.ProviderID, p.PhoneShown, banner.String())
		}
	}

	res, err = http.Get(r.URL + "/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/") {
		t.Errorf("/favicon.ico: %d %s, want 200 and an image", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

func lineWith(text string, words ...string) bool {
	for _, line := range strings.Split(text, "\n") {
		all := true
		for _, w := range words {
			all = all && strings.Contains(line, w)
		}
		if all {
			return true
		}
	}
	return false
}

// TestReadmeWalkthroughIsThePage: README's "Try it" steps are the page's
// "How to try it" steps, word for word (the browser test follows the
// page's), so a newcomer reading either meets the same buttons.
func TestReadmeWalkthroughIsThePage(t *testing.T) {
	page, err := playgroundAssets.ReadFile("playground/index.html")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	pageSteps := regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(string(page), -1)
	readmeSteps := markdownSteps(string(readme), "## Try it")
	if len(pageSteps) < 5 || len(pageSteps) != len(readmeSteps) {
		t.Fatalf("the page has %d steps, README's Try it %d", len(pageSteps), len(readmeSteps))
	}
	toMarkdown := strings.NewReplacer("<b>", "**", "</b>", "**", "<code>", "`", "</code>", "`")
	for i, m := range pageSteps {
		want := strings.Join(strings.Fields(toMarkdown.Replace(m[1])), " ")
		if readmeSteps[i] != want {
			t.Errorf("step %d\nREADME: %s\npage:   %s", i+1, readmeSteps[i], want)
		}
	}
}

// markdownSteps returns the numbered list of the section that starts with
// heading, each item's wrapped lines joined.
func markdownSteps(md, heading string) []string {
	_, section, ok := strings.Cut(md, "\n"+heading)
	if !ok {
		return nil
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	item := regexp.MustCompile(`^\d+\. `)
	var steps []string
	for _, line := range strings.Split(section, "\n") {
		switch {
		case item.MatchString(line):
			steps = append(steps, item.ReplaceAllString(line, ""))
		case len(steps) > 0 && strings.HasPrefix(line, "   ") && strings.TrimSpace(line) != "":
			steps[len(steps)-1] += " " + strings.TrimSpace(line)
		case len(steps) > 0 && strings.TrimSpace(line) != "":
			return steps // the list ended
		}
	}
	return steps
}
