import ParleyModel

// GRDB also declares `Statement` (a prepared SQL statement); in this module the name means
// Parley's statement.
typealias Statement = ParleyModel.Statement
