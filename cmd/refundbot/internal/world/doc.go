// Package world runs refundbot on built-in fakes: a fake Telegram Bot API
// (tgfake) and a fake Slack (slackfake), with the real wiring of package
// app on a real bbolt file. The playground, the stories, the load
// generator and the end-to-end tests build one; nothing needs a token.
package world
