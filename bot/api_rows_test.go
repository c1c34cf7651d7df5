package bot

import (
	"reflect"
	"testing"
)

func TestDecodeRows(t *testing.T) {
	fields := []string{"provider_id", "name", "coins"}
	rows, problem := decodeRows([]byte(` [ {"provider_id":"P-1","name":null,"coins":-12} , {} ] `), fields)
	want := []map[string]string{{"provider_id": "P-1", "name": "", "coins": "-12"}, {}}
	if problem != nil || !reflect.DeepEqual(rows, want) {
		t.Fatalf("got %v, %+v; want %v", rows, problem, want)
	}
	for _, tc := range []struct {
		body  string
		index int // -1: no index
		field string
	}{
		{`{"provider_id":"P-1"}`, -1, ""},
		{`[{"provider_id":"P-1"}] {}`, -1, ""},
		{`[{"provider_id":"P-1"}`, -1, ""},
		{`[{}, 7]`, 1, ""},
		{`[{}, {"name":true}]`, 1, "name"},
		{`[{"coins":false}]`, 0, "coins"},
		{`[{"coins":[1]}]`, 0, "coins"},
		{`[{"name":"a","Name":"b"}]`, 0, "Name"}, // keys are exact, unlike encoding/json's folding
		{`[{"name":"a","name":"a"}]`, 0, "name"},
		{`[{"name":"a" "coins":1}]`, 0, ""},
	} {
		_, problem := decodeRows([]byte(tc.body), fields)
		switch {
		case problem == nil:
			t.Errorf("%s: accepted", tc.body)
		case tc.index < 0 && problem.Index != nil,
			tc.index >= 0 && (problem.Index == nil || *problem.Index != tc.index),
			problem.Field != tc.field:
			t.Errorf("%s: %+v (index %v), want index %d field %q", tc.body, problem, problem.Index, tc.index, tc.field)
		}
	}
}
