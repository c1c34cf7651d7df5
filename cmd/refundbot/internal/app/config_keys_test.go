package app

import (
	"os"
	"reflect"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestExampleConfigNamesEveryKey keeps config.example.yaml and Config in
// step both ways: a new policy knob must be documented in the example.
func TestExampleConfigNamesEveryKey(t *testing.T) {
	example, err := os.ReadFile("../../../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(example, &root); err != nil {
		t.Fatal(err)
	}
	var inExample []string
	var walk func(prefix string, n *yaml.Node)
	walk = func(prefix string, n *yaml.Node) {
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			key := joinKey(prefix, n.Content[i].Value)
			inExample = append(inExample, key)
			walk(key, n.Content[i+1])
		}
	}
	walk("", root.Content[0])
	known := knownKeys(reflect.TypeOf(Config{}))
	for _, k := range known {
		if !slices.Contains(inExample, k) {
			t.Errorf("key %s is missing from config.example.yaml", k)
		}
	}
	for _, k := range inExample {
		if !slices.Contains(known, k) {
			t.Errorf("config.example.yaml has key %s, which Config does not know", k)
		}
	}
}

func TestCheckSpec(t *testing.T) {
	for _, tc := range []struct {
		spec string
		ok   bool
	}{
		{"0 9 * * *", true}, {"@daily", true}, {"@every 15m", true}, {"CRON_TZ=Europe/Berlin 0 9 * * 1-5", true},
		{"CRON_TZ=UTC", false}, {"TZ=UTC", false}, {"", false}, {"61 * * * *", false},
		{"0 9 * *", false}, {"0 0 9 * * *", false}, {"CRON_TZ=Nowhere/City 0 9 * * *", false},
		// robfig/cron accepts a step past its field and fires at 0 only.
		{"*/15 * * * *", true}, {"0-30/10 8-18/2 * * *", true}, {"*/99 * * * *", false},
		{"0 */25 * * *", false}, {"CRON_TZ=UTC 5,*/60 * * * *", false},
	} {
		if err := checkSpec(tc.spec); (err == nil) != tc.ok {
			t.Errorf("checkSpec(%q) = %v, want ok=%v", tc.spec, err, tc.ok)
		}
	}
}

func TestSuggestNothingForNonsense(t *testing.T) {
	if s := suggest("slack", "zzzzzzzzzz", reflect.TypeOf(SlackConfig{})); s != "" {
		t.Errorf("suggest for nonsense = %q, want none", s)
	}
}
