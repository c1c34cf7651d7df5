// Package cmdline holds what the refundbot command line needs beyond its
// command table: the closest-name suggestion for a misspelt command or
// flag, and the version line read from the build information.
package cmdline
