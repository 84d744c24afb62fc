import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

// What the API's writes answer, as JSON objects (sorted keys, like every answer of the API).

/// A statement recorded: its number, the party it was filed under, and what the label check found.
struct StatementRecorded: ResponseEncodable {
    var number: Int64
    var party: String
    /// Whether the stance label is new on the issue.
    var newLabel: Bool
    var existingLabels: [String]
    var nearMisses: [String]

    enum CodingKeys: String, CodingKey {
        case number, party
        case newLabel = "new_label"
        case existingLabels = "existing_labels"
        case nearMisses = "near_misses"
    }
}

/// A statement amended: each field changed, with its old and new value (null when unset).
struct StatementAmended: ResponseEncodable {
    var number: Int64
    var changes: [Change]

    struct Change: Encodable {
        var field: String
        var old: String?
        var new: String?

        enum CodingKeys: String, CodingKey {
            case field, old, new
        }

        /// Unset values are `null`, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
        }
    }
}

/// A statement retracted.
struct StatementRetracted: ResponseEncodable {
    var number: Int64
    var retracted = true
}

/// A status step added to an agreement's or a dispute's history: where it went, and its date.
struct StepAdded: ResponseEncodable {
    var id: String
    /// The step's place in the history, from 1.
    var step: Int
    var status: String
    var on: String
}
