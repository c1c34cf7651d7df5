// Package story is the story engine: conversations written as testscript
// (txtar) files, a provider on the fake Telegram and agents on the fake
// Slack, run end to end in a world of their own. `refundbot script run`
// runs stories and prints their transcripts; TestStories in package main
// runs cmd/refundbot/testdata/stories.
package story
