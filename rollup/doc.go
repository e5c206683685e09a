// Package rollup is the rollup of a folder of sheets into the three
// outputs, as `jianbao rollup` makes them: read every sheet under the
// folder, add them up, make the report of a month and write briefing.pdf,
// briefing.xlsx and summary.json whole. The command line and the
// collection desk both call it, so that the same folder, configuration and
// time give the same bytes from either. The package never prints: the
// command says what was read between the steps.
package rollup
