// Package tthc holds administrative procedures (thủ tục hành chính) and their
// dossiers: the dossier code, the status history, the working-day calendar,
// the legal on-time rule and the Decision 766 service index. The rules here
// are pure: they take values and return values. The sync-file decoders and
// the values they produce live in tthc/syncfile, which links no database
// driver; syncfile.go re-exports them here.
package tthc
