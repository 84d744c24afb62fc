// What a front end sees below it: the use cases (here), the model (ParleyModel, which it imports
// itself), and the answers the use cases give, which are report values and the formats that
// write them (ParleyReports, exported with ParleyKit). The store, the casefile reader and writer
// and the drafter stay behind the use cases.

import ParleyDraft
@_exported import ParleyReports
import ParleyStore

/// Statements drafted from an article, for review: what
/// ``Parley/draft(text:article:published:source:fileName:)`` answers, written as YAML or JSON.
public typealias DraftFile = ParleyDraft.DraftFile

/// Where a write's time went (the writer's queue and lock, the body, the commit), kept per thread
/// while a server is asked to log its writes' timelines.
public typealias WriteTimeline = ParleyStore.WriteTimeline
