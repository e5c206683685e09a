// Package desk is the collection desk that `jianbao serve` runs: a small web
// server on the office's machine where each reporting unit's clerk logs in,
// uploads the month's sheet, sees the checks on the sheet itself and sends
// it, and where the office sees which units have sent, opens any version,
// and accepts it or returns it with a reason.
//
// Everything is kept in one data folder: desk.db, an SQLite database in WAL
// mode (units, accounts, sessions, versions, their findings, reviews and an
// append-only audit log, and the briefings made with the versions they were
// made from), files/, the uploaded originals stored byte for byte under
// their SHA-256, and briefings/<n>/, the three outputs of each briefing,
// made by package rollup from the accepted versions as `jianbao rollup`
// makes them from a folder. Pages are html/template files embedded in the
// program and need no asset from outside; the two scripts they load (the
// upload form's drop zone, the copy button of the 催报 text) are served by
// the program too, and every page works without them.
//
// The package never prints: Init returns the first passwords, and Run calls
// back with the address it listens on.
package desk
