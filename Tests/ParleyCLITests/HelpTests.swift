import Foundation
import Testing

/// Help a user can read on an 80-column terminal and paste examples from.
@Suite("Help at 80 columns")
struct HelpTests {
    /// Every command's path (`["report", "disputes"]`) and its discussion, from the binary itself.
    static func commands() throws -> [(path: [String], discussion: String)] {
        let cli = try CLIHarness()
        let dump = try cli.run(["--experimental-dump-help"], useDB: false).stdout
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        var found: [(path: [String], discussion: String)] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            found.append((path, command["discussion"] as? String ?? ""))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? ""])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return found
    }

    @Test("every --help fits 80 columns and prints its examples whole, never broken")
    func helpAt80Columns() throws {
        let cli = try CLIHarness()
        let commands = try Self.commands()
        #expect(commands.count > 40)
        for (path, discussion) in commands {
            let output = try cli.run(path + ["--help"], useDB: false, environment: ["COLUMNS": "80"])
            #expect(output.status == 0)
            let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for line in lines where line.count > 80 {
                Issue.record("parley \(path.joined(separator: " ")) --help: \(line.count) columns: \(line)")
            }
            // An example is an indented line of the discussion: it must come out as it was written.
            for example in discussion.split(separator: "\n").map(String.init) where example.hasPrefix("  ") {
                #expect(
                    lines.contains(example),
                    "parley \(path.joined(separator: " ")) --help breaks the example: \(example)"
                )
            }
        }
    }

    @Test("the usage line is wrapped between options, never inside one")
    func usageLine() throws {
        let output = try CLIHarness().run(
            ["dispute", "update", "--help"], useDB: false, environment: ["COLUMNS": "80"])
        let usage = output.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix("USAGE:") }.prefix { !$0.isEmpty }
        #expect(usage.count > 1)
        #expect(usage.dropFirst().allSatisfy { $0.hasPrefix("       [") || $0.hasPrefix("       --") })
    }
}

/// `--format` offers, in help and completion, the formats the command's output really comes in.
@Suite("Each command's formats")
struct FormatTests {
    static let casefile = UsabilityTests.casefile

    /// A run of every command that takes --format, on the fixture case.
    static let runs: [[String]] = [
        ["party", "list"], ["actor", "list"], ["issue", "list"], ["source", "list"], ["agreement", "list"],
        ["dispute", "list"], ["token", "list"], ["search", "river"], ["statements"],
        ["report", "disputes"], ["report", "positions"], ["report", "agreements"], ["report", "contradictions"],
        ["history", "--issue", "river"], ["diff", "--from", "2016", "--to", "2019"], ["log"], ["check", "quotes"],
        ["labels", "list", "--issue", "river"],
    ]

    @Test("help lists only the formats a command writes; each works, and another is refused naming them")
    func onlyItsOwnFormats() throws {
        let cli = try CLIHarness()
        let all = ["text", "markdown", "json", "csv", "jsonl", "html"]
        let dump = try cli.run(["--experimental-dump-help"], useDB: false).stdout
        var offered: [String: [String]] = [:]
        func walk(_ command: [String: Any], _ path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let name = (argument["preferredName"] as? [String: Any])?["name"] as? String
                if name == "format", let values = argument["allValues"] as? [String], Set(values).isSubset(of: all) {
                    offered[path.joined(separator: " ")] = values
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? ""])
            }
        }
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        walk(try #require(root["command"] as? [String: Any]), [])
        // Every such command is run here.
        let commands = Set(Self.runs.map { $0.prefix { !$0.hasPrefix("-") && $0 != "river" }.joined(separator: " ") })
        #expect(Set(offered.keys) == commands)
        #expect(offered["search"] == ["text", "markdown", "json", "csv"])
        #expect(offered["statements"] == all)
        #expect(offered["report disputes"] == ["text", "markdown", "json", "html"])
        for run in Self.runs {
            let name = run.prefix { !$0.hasPrefix("-") && $0 != "river" }.joined(separator: " ")
            let formats = try #require(offered[name])
            for format in formats {
                let output = try cli.run(run + ["--casefile", Self.casefile, "--format", format], useDB: false)
                #expect(output.status == 0, "parley \(name) --format \(format): \(output.stderr)")
                #expect(!output.stdout.isEmpty, "parley \(name) --format \(format)")
            }
            guard let other = all.first(where: { !formats.contains($0) }) else { continue }
            let refused = try cli.run(run + ["--casefile", Self.casefile, "--format", other], useDB: false)
            #expect(refused.status == 64)
            let list = formats.dropLast().joined(separator: ", ") + " or " + formats[formats.count - 1]
            #expect(
                refused.stderr.hasPrefix("parley: error: --format \(other): `parley \(name)` writes \(list)\n"),
                "\(refused.stderr)")
        }
    }

    @Test("--output names the format by its extension, and says on standard error what it wrote")
    func outputByExtension() throws {
        let cli = try CLIHarness()
        let page = cli.directory.appendingPathComponent("disputes.html").path
        let written = try cli.run(["report", "disputes", "--casefile", Self.casefile, "--output", page], useDB: false)
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(written.stderr == "Wrote \(page) (html).\n")
        #expect(try String(contentsOfFile: page, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // --format comes first; an extension the command does not write is refused.
        let text = try cli.run(
            ["report", "disputes", "--casefile", Self.casefile, "--output", page, "--format", "text"], useDB: false)
        #expect(text.stderr == "Wrote \(page) (text).\n")
        let refused = try cli.run(
            ["search", "river", "--casefile", Self.casefile, "--output", page], useDB: false)
        #expect(refused.status == 64)
        #expect(refused.stderr.hasPrefix("parley: error: --output "))
        #expect(
            refused.stderr.contains(
                ": this command does not write html; pass --format with text, markdown, json or csv\n"))
        // diff --source has no CSV, though diff --from/--to has.
        let sources = try cli.run(
            [
                "diff", "--source", "herald-2015-07-01", "--source", "herald-2016-04-02", "--casefile", Self.casefile,
                "--format", "csv",
            ], useDB: false)
        #expect(sources.status == 64)
        #expect(sources.stderr.hasPrefix("parley: error: --format csv: this output comes as text, markdown or json\n"))
    }
}
