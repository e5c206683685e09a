// Package gcpace sets how Go's garbage collector paces itself in jianbao.
//
// While a rollup (or validate) reads and adds up, what it keeps is a small
// record per file, so Pace has the collector work to a fixed budget instead
// of in proportion to the live heap, and memory stays flat however many
// files there are. Reading and Proportional are the settings of the jianbao
// command: a fixed budget of 64 MiB while reading, then the heap allowed to
// grow to three times its live data but not far past 400 MiB while the
// outputs are built. A user's GOGC or GOMEMLIMIT replaces the setting it
// names, and either turns the fixed budget off.
package gcpace
