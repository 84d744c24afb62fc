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
            ["agreement", "update", "--help"], useDB: false, environment: ["COLUMNS": "80"])
        let usage = output.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix("USAGE:") }.prefix { !$0.isEmpty }
        #expect(usage.count > 1)
        #expect(usage.dropFirst().allSatisfy { $0.hasPrefix("       [") || $0.hasPrefix("       --") })
    }
}
