// Package aggregate adds accepted submissions up into the figures of a
// month and of the year to date, per unit and in all, with the
// derived figures (a configured rate) and ranks. Counts stay exact integers; rates
// keep their numerator and denominator and are rounded only for display.
//
// A Tally takes the submissions one at a time as they are read, keeps a
// small record of each and sums the work-area rows on arrival, so that a
// rollup of any size holds no sheet after it has been counted. Without a
// reader it takes submissions already reconciled as they are.
package aggregate
