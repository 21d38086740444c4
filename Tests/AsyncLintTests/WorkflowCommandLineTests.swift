import Foundation
import Testing

/// Exit statuses and files of the workflow options, through the built executable.
private let workflowExecutable: String? = {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
        let path = candidate.appendingPathComponent("asynclint").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}()

private func runAsynclint(_ arguments: [String], in directory: String) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(workflowExecutable))
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

@Suite(.enabled(if: workflowExecutable != nil, "the asynclint executable is not built"))
struct WorkflowCommandLineTests {
    @Test func configurationSelectorAndBaselineMistakesExitWithTwo() throws {
        let tree = try TempTree()
        try tree.write("bad.py", "import time\n\nasync def f():\n    time.sleep(1)\n")

        let unknown = try runAsynclint(["check", "--select", "AL101,NO-SUCH-RULE"], in: tree.root)
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("unknown rule selector `NO-SUCH-RULE`"))

        let empty = try runAsynclint(["check", "--select", ""], in: tree.root)
        #expect(empty.status == 2)
        #expect(empty.err.contains("--select names no rule"))

        try tree.write("baseline.json", "{ not json")
        let baseline = try runAsynclint(["check", "--baseline", "baseline.json"], in: tree.root)
        #expect(baseline.status == 2)
        #expect(baseline.err == "error: baseline.json: invalid baseline: not JSON (Badly formed object around line 1, column 2.)\n"
                || baseline.err.hasPrefix("error: baseline.json: invalid baseline: not JSON"))

        try tree.write(".asynclint.toml", "select = [\"AL1\"]\nfail-on = warning\n")
        let malformed = try runAsynclint(["check"], in: tree.root)
        #expect(malformed.status == 2)
        #expect(malformed.err.hasPrefix("error: \(tree.root)/.asynclint.toml:2: invalid configuration: TOML syntax:"))
        #expect(malformed.out.isEmpty)
    }

    @Test func writeBaselineThenBaselineThenOutputFile() throws {
        let tree = try TempTree()
        try tree.write("bad.py", "import time\n\nasync def f():\n    time.sleep(1)\n")
        let write = try runAsynclint(["check", "--write-baseline", "asynclint-baseline.json"], in: tree.root)
        #expect(write.status == 0)
        #expect(write.err.contains("Recorded 1 finding in asynclint-baseline.json."))
        #expect(try runAsynclint(["check", "--baseline", "asynclint-baseline.json"], in: tree.root).status == 0)
        try tree.write("bad.py", "import time\n\nasync def f():\n    time.sleep(1)\n    time.sleep(2)\n")
        let later = try runAsynclint(["check", "--baseline", "asynclint-baseline.json", "--format", "github",
                                      "--output", "report.txt"], in: tree.root)
        #expect(later.status == 1)
        #expect(later.out.isEmpty)
        let written = try String(contentsOfFile: tree.path("report.txt"), encoding: .utf8)
        #expect(written.hasPrefix("::error file=bad.py,line=5,col=5,"))
        #expect(written.split(separator: "\n").count == 1)
    }

    /// Foundation's `NSString.deletingLastPathComponent` traps on a one-character path: these
    /// names once crashed the tool (SIGILL) before it wrote anything.
    @Test func oneCharacterOutputAndBaselineNames() throws {
        let tree = try TempTree()
        try tree.write("bad.py", "import time\n\nasync def f():\n    time.sleep(1)\n")
        let output = try runAsynclint(["check", "--format", "json", "--output", "r"], in: tree.root)
        #expect(output.status == 1)
        #expect(try String(contentsOfFile: tree.path("r"), encoding: .utf8).contains("\"AL101\""))
        let baseline = try runAsynclint(["check", "--write-baseline", "b"], in: tree.root)
        #expect(baseline.status == 0)
        #expect(baseline.err.contains("Recorded 1 finding in b."))
        #expect(try runAsynclint(["check", "--baseline", "b"], in: tree.root).status == 0)
        // Mistakes name the path given, never the temporary file, and exit with 2.
        try tree.write("d/keep.txt", "")
        for (name, reason) in [("d", "it is a directory"), ("d/", "the name of a file is needed"),
                               ("none/r.json", "No such file or directory")] {
            let run = try runAsynclint(["check", "--output", name], in: tree.root)
            #expect(run.status == 2)
            #expect(run.err.hasPrefix("error: --output: cannot write \(name): \(reason)"), "\(run.err)")
        }
    }

    @Test func unusedSuppressionsAreListedAndFail() throws {
        let tree = try TempTree()
        try tree.write("ok.py", "async def f():\n    return 1  # noqa: AL101\n")
        let run = try runAsynclint(["check", "--report-unused-suppressions"], in: tree.root)
        #expect(run.status == 1)
        #expect(run.err.contains("ok.py:2: unused suppression `# noqa: AL101`"))
        #expect(try runAsynclint(["check"], in: tree.root).status == 0)
        // In the GitHub format it is an annotation on its line, not a line on standard error.
        let github = try runAsynclint(["check", "--report-unused-suppressions", "--format", "github"], in: tree.root)
        #expect(github.status == 1)
        #expect(github.out == "::warning file=ok.py,line=2,col=15,title=asynclint unused suppression::unused suppression `# noqa: AL101`: it silenced nothing\n")
        #expect(github.err.isEmpty)
        let json = try runAsynclint(["check", "--report-unused-suppressions", "--format", "json"], in: tree.root)
        #expect(json.out.contains("\"unusedSuppressions\": [") && json.err.isEmpty)
    }
}
