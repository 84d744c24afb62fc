/// A noun or a phrase in the singular and the plural, so that no message builds a plural by hand:
/// `Plural("statement").count(3)` is "3 statements", `Plural("party", "parties").count(1)` is
/// "1 party", and `Plural("quotation is", "quotations are").count(2)` is "2 quotations are".
public struct Plural: Hashable, Sendable {
    /// The form for one.
    public var singular: String
    /// The form for none or several.
    public var plural: String

    /// The phrase with its plural; without one, the plural adds an "s".
    public init(_ singular: String, _ plural: String? = nil) {
        self.singular = singular
        self.plural = plural ?? singular + "s"
    }

    /// The form that goes with `number`: the singular for 1, else the plural.
    public func form(_ number: Int) -> String { number == 1 ? singular : plural }

    /// `number` and the form that goes with it: "1 statement", "0 statements".
    public func count(_ number: Int) -> String { "\(number) \(form(number))" }
}
