// Package playground is `refundbot demo`'s page: a provider's Telegram
// chat beside the agents' Slack channel, drawn from what the fakes of a
// world received and driving them as a user would.
package playground
