package slack

import (
	"context"
	"fmt"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
)

// BenchmarkApproveClick measures a signed approve click through the HTTP
// handler to its acknowledgement (fake desk, fake Slack on loopback); each
// iteration approves a fresh case.
func BenchmarkApproveClick(b *testing.B) {
	var cases []conversations.Case
	for i := range b.N {
		c := smallCase()
		c.ID = fmt.Sprintf("RF-%d", 1000+i)
		cases = append(cases, c)
	}
	r := newRig(b, cases...)
	tss := make([]string, b.N)
	for i := range b.N {
		tss[i] = r.postCard(b, fmt.Sprintf("RF-%d", 1000+i))
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		rep, err := r.fake.ClickButton(ctx, r.app.URL, "U1", "C1", tss[i], ActionApproveAll)
		if err != nil || rep.StatusCode != 200 {
			b.Fatalf("click: %v %+v", err, rep)
		}
	}
	b.StopTimer()
	if n := len(r.desk.recorded()); n != b.N {
		b.Fatalf("desk saw %d approvals, want %d", n, b.N)
	}
}
