// Package app is refundbot as an application: its config (loading from
// YAML and the environment, checking with the key of every problem) and
// the one wiring of the system. New opens the store; App.Wire builds every
// part of the running bot (dialogue, desk, adapters, scheduler, delivery
// worker); App.Run hands them to bot.Lifecycle. serve uses it directly,
// the demo, the stories and the load generator through package world.
// Nothing here is on the path of an update: the parts it builds live in
// bot, conversations and storage.
package app
