import Foundation
import Testing

/// The built `asynclint` next to the test bundle (SwiftPM puts both in the same products
/// directory); these tests are skipped when it has not been built.
private let executable: String? = {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
        let path = candidate.appendingPathComponent("asynclint").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}()

private struct Run {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

private func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(executable))
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read before waiting so a large report cannot fill the pipe and stall the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
               standardError: String(decoding: errData, as: UTF8.self))
}

@Suite(.enabled(if: executable != nil, "the asynclint executable is not built"))
struct CommandLineTests {
    @Test func exitStatusesFollowTheContract() throws {
        let tree = try TempTree()
        try tree.write("clean.py", "async def f():\n    return 1\n")
        try tree.write("bad.py", "import time\n\nasync def f():\n    time.sleep(1)\n")

        let clean = try run(["check", "clean.py"], in: tree.root)
        #expect(clean.status == 0)
        #expect(clean.standardOutput == "All checked: 1 file, no findings.\n")

        let bad = try run(["check", "--color", "never"], in: tree.root)
        #expect(bad.status == 1)
        #expect(bad.standardOutput.hasPrefix("bad.py:4:5: AL101 "))
        #expect(bad.standardOutput.hasSuffix("in 1 file.\n"))
        #expect(try run(["check", "--fail-on", "error"], in: tree.root).status == 1)
        #expect(try run(["check", "--ignore", "AL101"], in: tree.root).status == 0)

        let missing = try run(["check", "bad.py", "missing.py"], in: tree.root)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("missing.py: error: No such file or directory"))
        #expect(missing.standardOutput.contains("bad.py:4:5: AL101"))
    }

    /// A file named alone is checked within its project (the nearest directory with a marker
    /// such as `.git`), but a home directory kept in git is no project to walk whole.
    @Test func aNamedFilesProjectIsNeverTheHomeDirectory() throws {
        let tree = try TempTree()
        try tree.mkdir(".git")
        try tree.write("io.py", "def read():\n    with open('x') as f:\n        return f.read()\n")
        try tree.write("sub/app.py", "from io import read\n\n\nasync def handle():\n    return read()\n")
        let asProject = try run(["check", "-q", "sub/app.py"], in: tree.root, environment: ["HOME": "/nonexistent"])
        #expect(asProject.status == 1 && asProject.standardOutput.contains("sub/app.py:5:12: AL110"))
        let asHome = try run(["check", "-q", "sub/app.py"], in: tree.root, environment: ["HOME": tree.root])
        #expect(asHome.status == 0 && asHome.standardOutput.isEmpty, "\(asHome.standardOutput)")
    }

    /// Outside any project, a file named alone is checked with its own directory's files as
    /// context (a script imports its sibling modules), one level deep.
    @Test func aNamedScriptOutsideAnyProjectSeesItsSiblingModules() throws {
        let tree = try TempTree()
        try tree.write("scripts/util.py", "import time\n\n\ndef pause():\n    time.sleep(1)\n")
        try tree.write("scripts/job.py", "from util import pause\nfrom deep import wait\n\n\nasync def main():\n    pause()\n    wait()\n")
        try tree.write("scripts/sub/deep.py", "import time\n\n\ndef wait():\n    time.sleep(1)\n")
        let named = try run(["check", "-q", "scripts/job.py"], in: tree.root, environment: ["HOME": "/nonexistent"])
        #expect(named.status == 1)
        #expect(named.standardOutput.split(separator: "\n").map { String($0.prefix(25)) } == ["scripts/job.py:6:5: AL110"])
    }

    @Test func usageErrorsExitWithTwo() throws {
        let tree = try TempTree()
        let unknownRule = try run(["check", "--select", "AL999"], in: tree.root)
        #expect(unknownRule.status == 2)
        #expect(unknownRule.standardError.contains("unknown rule selector `AL999`"))
        #expect(try run(["check", "--jobs", "0"], in: tree.root).status == 2)
        #expect(try run(["check", "--format", "xml"], in: tree.root).status == 2)
        #expect(try run(["check", "--no-such-flag"], in: tree.root).status == 2)
        #expect(try run(["rule", "nonsense"], in: tree.root).status == 2)
        #expect(try run([], in: tree.root).status == 2)

        let pathOnly = try run(["src"], in: tree.root)
        #expect(pathOnly.status == 2)
        #expect(pathOnly.standardError.contains("run `asynclint check src`"))
    }

    @Test func colorOnlyWhenAskedOrOnATerminal() throws {
        let tree = try TempTree()
        try tree.write("bad.py", "import time\n\nasync def f():\n    time.sleep(1)\n")
        // Standard output is a pipe here, so `auto` means no color.
        #expect(!(try run(["check"], in: tree.root).standardOutput.contains("\u{1B}[")))
        #expect(try run(["check", "--color", "always"], in: tree.root).standardOutput.contains("\u{1B}["))
        #expect(!(try run(["check", "--color", "auto"], in: tree.root, environment: ["NO_COLOR": "1"]).standardOutput.contains("\u{1B}[")))
    }

    @Test func jsonRulesAndVersion() throws {
        let tree = try TempTree()
        try tree.write("bad.py", "import time\n\nasync def f():\n    time.sleep(1)\n")
        let json = try run(["check", "--format", "json"], in: tree.root)
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect((object?["summary"] as? [String: Any])?["findings"] as? Int == 1)

        let version = try run(["--version"], in: tree.root)
        #expect(version.status == 0)
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)

        let rules = try run(["rules"], in: tree.root)
        #expect(rules.status == 0)
        #expect(rules.standardOutput.hasPrefix("CODE"))
        #expect(rules.standardOutput.contains("AL101  blocking-sleep"))
        let rulesJSON = try run(["rules", "--format", "json"], in: tree.root)
        #expect((try JSONSerialization.jsonObject(with: Data(rulesJSON.standardOutput.utf8)) as? [Any])?.isEmpty == false)

        for key in ["AL101", "blocking-sleep", "ASYNC251", "al101"] {
            let rule = try run(["rule", key], in: tree.root)
            #expect(rule.status == 0)
            #expect(rule.standardOutput.hasPrefix("# blocking-sleep (AL101)\n"))
            // `rules KEY` is an alias of `rule KEY`.
            let alias = try run(["rules", key], in: tree.root)
            #expect(alias.status == 0 && alias.standardOutput == rule.standardOutput)
        }
        #expect(try run(["rules", "nonsense"], in: tree.root).status == 2)
    }

    @Test func dumpSummaryStillWorks() throws {
        let tree = try TempTree()
        try tree.write("a.py", "async def f():\n    await g()\n")
        let dump = try run(["dump-summary", "a.py"], in: tree.root)
        #expect(dump.status == 0)
        #expect(dump.standardOutput.hasPrefix("{\"path\":\"a.py\",\"functions\":[[\"f\",1,true]]"))
    }
}
