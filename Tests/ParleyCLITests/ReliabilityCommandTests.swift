import Foundation
import Testing

/// Nothing silently wrong: a failed write is an error, a closed pipe is not, and what users or
/// files hold never reaches the terminal raw.
@Suite("parley on a full disk, a closed pipe, and hostile values")
struct ReliabilityCommandTests {
    @Test("a write to standard output that fails is an error naming standard output, exit 1")
    func fullDisk() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        for arguments in [
            ["export"], ["statements", "--format", "json"], ["party", "list"],
            ["party", "add", "--id", "east", "--name", "East", "--kind", "state"],
        ] {
            let output = try cli.run(arguments, standardOutput: full)
            #expect(output.status == 1, "\(arguments)")
            #expect(
                output.stderr.contains("cannot write to standard output: No space left on device"), "\(output.stderr)")
        }
    }

    @Test("--db naming a FIFO or a folder is refused at once, before SQLite would wait on it")
    func notAFile() throws {
        let cli = try CLIHarness()
        let fifo = cli.directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let add = [
            "add", "--party", "north", "--issue", "water", "--kind", "demand", "--stance", "x", "--summary", "y",
            "--source", "gazette",
        ]
        for arguments in [["party", "list"], ["init"], add] {
            for path in [fifo, cli.directory.path] {
                let output = try cli.run(arguments + ["--db", path], useDB: false)
                #expect(output.status == 1, "\(arguments) \(path)")
                #expect(output.stderr.contains("\(path) is not a regular file"), "\(output.stderr)")
            }
        }
    }

    @Test(
        "an import cut short by the file-size limit (ulimit -f) is reported as a full disk; the database is as it was")
    func fileSizeLimit() throws {
        let cli = try CLIHarness()
        try cli.seed()
        var text = "party,issue,kind,stance,summary,source\n"
        for i in 0..<6_000 {
            text += "north,water,assertion,label-\(i),\(String(repeating: "A long summary. ", count: 25))\(i),gazette\n"
        }
        let file = try cli.write("many.csv", text)
        let before = try cli.succeed(["export"]).stdout
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 2,000 blocks: 1 MB in dash's 512-byte blocks (2 MB in bash's); the import needs more.
        process.arguments = [
            "-c", "ulimit -f 2000; exec \"$0\" import \"$1\" --db \"$2\"", CLIHarness.executable.path, file,
            cli.database,
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "ended by a signal (SIGXFSZ), not an error")
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("the disk is full"), "\(stderr)")
        #expect(try cli.succeed(["export"]).stdout == before)
    }

    @Test("a reader that stops early (a closed pipe, as with `| head`) ends the command quietly")
    func closedPipe() throws {
        let cli = try CLIHarness()
        try cli.seed()
        var text = "party,issue,kind,stance,summary,source\n"
        for i in 0..<3_000 {
            text += "north,water,assertion,label-\(i),A long enough summary for statement \(i).,gazette\n"
        }
        try cli.succeed(["import", try cli.write("many.csv", text)])
        let pipe = Pipe()
        let process = Process()
        process.executableURL = CLIHarness.executable
        process.arguments = ["statements", "--format", "json", "--db", cli.database]
        process.standardOutput = pipe
        let err = Pipe()
        process.standardError = err
        try process.run()
        try pipe.fileHandleForWriting.close()
        _ = try pipe.fileHandleForReading.read(upToCount: 100)
        try pipe.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(err.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }

    @Test("a temporary file left by a killed export is removed by the next one; a live one's is kept")
    func staleTemporaryFiles() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let target = cli.directory.appendingPathComponent("case.yaml").path
        let stale = target + ".parley-2147483646.tmp"
        let live = target + ".parley-\(getpid()).tmp"
        FileManager.default.createFile(atPath: stale, contents: Data("half".utf8))
        FileManager.default.createFile(atPath: live, contents: Data("busy".utf8))
        try cli.succeed(["export", "--output", target])
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("id: north"))
    }

    @Test("parley backup writes one self-contained copy that reads back the same")
    func backup() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let copy = cli.directory.appendingPathComponent("copy.sqlite").path
        let made = try cli.succeed(["backup", "--output", copy])
        #expect(made.stderr.contains("Wrote a copy of the database to \(copy)"))
        #expect(try cli.succeed(["export", "--db", copy], useDB: false).stdout == (try cli.succeed(["export"]).stdout))
        let same = try cli.run(["backup", "--output", cli.database])
        #expect(same.status != 0)
    }

    @Test("an error that repeats a typed value shows its control characters escaped, and only its start")
    func hostileErrorValues() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let output = try cli.run([
            "party", "add", "--id", "\u{1B}]0;pwned\u{07}\u{202E}x", "--name", "X", "--kind", "state",
        ])
        #expect(output.status == 1)
        #expect(!output.stderr.contains("\u{1B}"))
        #expect(!output.stderr.contains("\u{202E}"))
        #expect(output.stderr.contains(#"'\e]0;pwned\u{7}\u{202E}x' is not a valid party id"#))
        let long = try cli.run([
            "source", "add", "--id", "s9", "--title", "T", "--published", String(repeating: "9", count: 100_000),
        ])
        #expect(long.status == 64)
        // The message line repeats the value's start only; the usage follows it.
        #expect((long.stderr.split(separator: "\n").first?.utf8.count ?? 0) < 200)
        #expect(long.stderr.utf8.count < 1_000)
        #expect(long.stderr.contains("(100,000 characters)"))
        #expect(long.stderr.contains("\nUsage: parley source add"))
    }

    @Test("reading a file that is empty, or in a folder that does not exist, says so and creates nothing")
    func readingNothing() throws {
        let cli = try CLIHarness()
        let empty = try cli.write("empty.sqlite", "")
        let output = try cli.run(["party", "list", "--db", empty], useDB: false)
        #expect(output.status == 1)
        #expect(output.stderr.contains("is not a Parley database (it is empty)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
        let nowhere = cli.directory.appendingPathComponent("missing/case.sqlite").path
        let missing = try cli.run(["init", "--db", nowhere], useDB: false)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("the folder"))
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test("a WAL database in a folder nobody may write to, without its -shm file, is read; writing is refused")
    func readOnlyArchive() throws {
        let cli = try CLIHarness()
        try cli.seed()
        // The archive: the database alone (its WAL folded in), with a copy of parley, in a folder
        // made read-only. Root may write anywhere, so as root the commands run as nobody.
        let archive = cli.directory.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        let database = archive.appendingPathComponent("case.sqlite").path
        try cli.succeed(["backup", "--output", database])
        let copy = cli.directory.appendingPathComponent("parley").path
        try FileManager.default.copyItem(atPath: CLIHarness.executable.path, toPath: copy)
        // The backup is in rollback mode; an archived working database is in WAL mode.
        try cli.succeed(["init", "--db", database], useDB: false)
        #expect(FileManager.default.fileExists(atPath: database + "-wal") == false)
        chmod(cli.directory.path, 0o755)
        chmod(database, 0o444)
        chmod(archive.path, 0o555)
        defer { chmod(archive.path, 0o755) }
        func run(_ arguments: [String]) throws -> CLIHarness.Output {
            let process = Process()
            let asRoot = getuid() == 0
            process.executableURL = URL(fileURLWithPath: asRoot ? "/usr/bin/setpriv" : copy)
            process.arguments =
                (asRoot ? ["--reuid=65534", "--regid=65534", "--clear-groups", copy] : []) + arguments + [
                    "--db", database,
                ]
            process.currentDirectoryURL = URL(fileURLWithPath: "/")
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CLIHarness.Output(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }
        let listed = try run(["party", "list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("north"))
        let report = try run(["report", "disputes", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let write = try run(["party", "add", "--id", "east", "--name", "Eastland", "--kind", "state"])
        #expect(write.status == 1)
        #expect(write.stderr.hasPrefix("parley: error: cannot write the database"))
        // Nothing was made beside the file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path) == ["case.sqlite"])
    }
}
