import ArgumentParser
import Foundation
import ParleyKit
import ParleyModel
import Synchronization

extension ParleyCommand {
    struct Draft: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case yaml, json
        }

        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "Propose statements from a dated article, for review; writes nothing to the case.",
            discussion: help(
                """
                Reads a plain-text article (UTF-8, paragraphs separated by blank lines) and proposes the
                statements it reports: who spoke (resolved to an actor and party through the case's
                names, aliases, roles and demonyms), what they said (a quotation, verbatim, or the
                reported clause), when (dates like "on Tuesday", "yesterday", "on 14 December", "last
                week" resolved against --published, never after it), a kind from the reporting verb, a
                guessed issue, the place in the article and a confidence.

                The YAML output is a casefile to review: replace every "review: ..." value (stance
                labels and summaries always need a person), delete what is not a statement, then
                `parley import FILE --merge`, which refuses while a "review:" value remains.

                Given a folder, drafts every .txt file in it into --output DIR, one FILE.draft.yaml (or
                .json) per article, dated by --published or by a YYYY-MM-DD in the file's name.

                Examples:
                  parley draft article.txt --published 2021-12-16 --output article.draft.yaml
                  parley draft --source rferl-2021-12-16     # its stored text
                  parley draft articles/ --output drafts/ --format json
                """))

        @OptionGroup var input: ReadOptions
        @Argument(help: "The article (a .txt file), or a folder of them.", completion: .file())
        var path: String?
        @Option(
            help: ArgumentHelp(
                "The day the article was published (YYYY-MM-DD); the source's date when --source is in the case.",
                valueName: "date"))
        var published: CalendarDate?
        @Option(
            help: "The source the statements cite; without a file, its stored text is read.",
            completion: Completion.ids(.source))
        var source: String?
        @Option(help: "Output format.") var format: Format = .yaml
        @Option(help: ArgumentHelp("Write to this file (a folder, for a folder of articles).", valueName: "path"))
        var output: String?

        func validate() throws {
            if path == nil && source == nil {
                throw ValidationError(
                    "no article given: pass its file (or a folder), or --source ID for its stored text")
            }
        }

        func run() throws {
            let parley = try input.open()
            let file: DraftFile
            if let path {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                    throw ErrorMessage("no file or folder \(path); give the article's path")
                }
                if isFolder.boolValue { return try draftFolder(parley, path) }
                file = try parley.draft(
                    text: try readDocument(path, "the article"), article: path, published: published, source: source,
                    fileName: path)
            } else {
                guard let id = source else {
                    throw ValidationError("Give the article's file (or a folder), or --source ID for its stored text.")
                }
                let stored = try parley.sourceText(id)
                file = try parley.draft(
                    text: stored.text, article: "source \(id)", published: published ?? stored.published, source: id)
            }
            var rendered = try Self.render(file, format)
            try writeOutput(&rendered, to: output)
            note(output.map { "Wrote \($0): \(summary(file))." } ?? "note: \(summary(file)).")
        }

        static func render(_ file: DraftFile, _ format: Format) throws -> String {
            switch format {
            case .yaml: try file.yaml()
            case .json: try file.json() + "\n"
            }
        }

        func summary(_ file: DraftFile) -> String {
            let unresolved = file.drafts.filter { $0.party == nil }.count
            let noIssue = file.drafts.filter { $0.issue == nil }.count
            var text = "\(RecordKind.statement.count(file.drafts.count)) drafted"
            if unresolved > 0 { text += ", \(unresolved) without a party" }
            if noIssue > 0 { text += ", \(noIssue) without an issue" }
            if file.newSource != nil { text += "; the draft adds source '\(file.source)'" }
            return text + "; review it, then `parley import FILE --merge`"
        }

        /// Every .txt file in `folder`, drafted into `--output DIR`, with a progress bar.
        func draftFolder(_ parley: Parley, _ folder: String) throws {
            guard let output else {
                throw ErrorMessage.usage("drafting a folder needs --output DIR for the drafts (one file per article)")
            }
            if source != nil {
                throw ErrorMessage.usage("--source names one article's source; leave it out when drafting a folder")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }
                .sorted()
            if names.isEmpty { throw ErrorMessage("no .txt files in \(folder)") }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            removeStaleTemporaryFiles(in: output)
            let paths = names.map { (folder as NSString).appendingPathComponent($0) }
            // The sizes (for the progress bar) come from stat(2): FileManager's attributes also
            // look up each file's owner and group by name, reading /etc/passwd and /etc/group
            // once per article.
            let total = paths.reduce(0) { sum, path in
                var info = stat()
                return sum + (stat(path, &info) == 0 ? Int(info.st_size) : 0)
            }
            let tally = Tally(bar: ProgressBar(enabled: isatty(STDERR_FILENO) == 1, unit: "articles"), total: total)
            let format = self.format
            // Each article's draft is written to its own file, on the thread that drafted it.
            let read: @Sendable (String) throws -> String = { try readDocument($0, "the article") }
            try parley.draftArticles(Array(zip(names, paths)), published: published, read: read) {
                index, draft, bytes in
                let name = names[index]
                var count = 0
                var failure: String?
                do {
                    let file = try draft.get()
                    count = file.drafts.count
                    let stem = (name as NSString).deletingPathExtension
                    var rendered = try Self.render(file, format)
                    try writeOutput(
                        &rendered, to: (output as NSString).appendingPathComponent("\(stem).draft.\(format.rawValue)"),
                        cleaningStale: false)
                } catch {
                    failure = (error as? ErrorMessage)?.text ?? ErrorMessage.text(for: error) ?? "\(error)"
                }
                tally.add(index: index, name: name, bytes: bytes, statements: count, failure: failure)
            }
            let (done, statements, failures) = tally.result()
            tally.finish()
            note(
                "note: \(done - failures.count) of \(Plural("article").count(done)) drafted into \(output), "
                    + "\(RecordKind.statement.count(statements)).")
            if !failures.isEmpty {
                throw ErrorMessage(
                    "\(Plural("article").count(failures.count)) could not be drafted:\n  "
                        + failures.joined(separator: "\n  "))
            }
        }
    }
}

/// What the drafting of a folder has done so far, from several threads at once.
private final class Tally: Sendable {
    private struct State {
        var bar: ProgressBar
        var done = 0
        var bytes = 0
        var statements = 0
        var failures: [(index: Int, text: String)] = []
    }

    private let state: Mutex<State>
    private let total: Int

    init(bar: sending ProgressBar, total: Int) {
        state = Mutex(State(bar: bar))
        self.total = total
    }

    func add(index: Int, name: String, bytes size: Int, statements count: Int, failure: String?) {
        state.withLock { state in
            state.done += 1
            state.bytes += size
            state.statements += count
            if let failure { state.failures.append((index, "\(name): \(failure)")) }
            state.bar.update(BulkProgress(bytesRead: state.bytes, totalBytes: total, records: state.done))
        }
    }

    func finish() { state.withLock { $0.bar.finish() } }

    /// Articles done, statements drafted, and the failures in the folder's order.
    func result() -> (Int, Int, [String]) {
        state.withLock { ($0.done, $0.statements, $0.failures.sorted { $0.index < $1.index }.map(\.text)) }
    }
}
