// What a front end sees below it: the use cases (here), the model (ParleyModel, which it imports
// itself), and the answers the use cases give, which are report values and the formats that
// write them (ParleyReports, exported with ParleyKit). The store, the casefile reader and writer
// and the drafter stay behind the use cases.

import ParleyDraft
@_exported import ParleyReports

/// Statements drafted from an article, for review: what
/// ``Parley/draft(text:article:published:source:fileName:)`` answers, written as YAML or JSON.
public typealias DraftFile = ParleyDraft.DraftFile
