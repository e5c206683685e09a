// Package aggregate adds accepted submissions up into the figures of a
// month and of the year to date, per unit and in all, with the
// rectification rate (整改率) and ranks. Counts stay exact integers; rates
// keep their numerator and denominator and are rounded only for display.
package aggregate
