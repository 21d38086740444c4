import Analysis
import ArgumentParser
import AsyncLint
import Foundation
import Reporting

/// `asynclint check [PATH...]`: the main job.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check Python and Swift files for blocking calls in async code.",
        discussion: """
            Directories are walked; hidden entries and those matched by .gitignore files or --exclude \
            are skipped, but a file named on the command line is always checked. Only .py, .pyi and \
            .swift files are analysed.
            """
    )

    @Argument(help: "Files or directories to check (default: the current directory).")
    var paths: [String] = []

    @Option(help: "Output format: text, json, sarif (code scanning), github (Actions annotations), junit (JUnit XML) or diagnostics (file:line:col: error: …, as compilers print).")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Only these rules: codes, names, aliases, or code or alias prefixes (AL1, ASYNC2), comma-separated; repeatable.", valueName: "RULES"))
    var select: [String] = []

    @Option(name: .long, help: ArgumentHelp("Leave these rules out (same forms as --select); repeatable.", valueName: "RULES"))
    var ignore: [String] = []

    @Option(name: .long, help: ArgumentHelp("Skip files and directories matching this .gitignore-style glob; repeatable.", valueName: "GLOB"))
    var exclude: [String] = []

    @Option(name: [.customShort("j"), .long], help: "Worker threads (default: the number of active processors).")
    var jobs: Int?

    @Option(help: "Color the text output: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    @Option(name: .customLong("fail-on"), help: "The lowest severity that makes the exit status 1: info, warning or error (default: the config's fail-on, else info).")
    var failOn: FailingSeverity?

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Use this configuration file for every file (default: the nearest .asynclint.toml or pyproject.toml with [tool.asynclint]).", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Report only the findings this baseline file does not record.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record today's findings in this file (then exit 0) for a later --baseline.", valueName: "FILE"))
    var writeBaseline: String?

    @Flag(name: .customLong("exit-zero"), help: "Exit with 0 even when there are findings (2 for errors still).")
    var exitZero = false

    /// For build systems that need a command to produce a file (the SwiftPM build-tool plugin).
    @Option(name: .customLong("stamp"), help: ArgumentHelp("Write an empty file here after the run.", visibility: .hidden))
    var stamp: String?

    @Flag(name: .customLong("report-unused-suppressions"), help: "List suppression comments that silenced nothing (exit status 1 when there are any).")
    var reportUnusedSuppressions = false

    @Flag(name: [.short, .long], help: "Print only the findings' first lines: no help, snippets, notes or summary.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        var options = LintOptions(paths: paths, select: select, ignore: ignore, excludes: exclude)
        if let jobs { options.jobs = jobs }
        options.configPath = config
        // Writing a baseline records every current finding, so an old baseline must not hide any.
        options.baselinePath = writeBaseline == nil ? baseline : nil
        options.reportUnusedSuppressions = reportUnusedSuppressions
        let report: LintReport
        do {
            report = try Linter().run(options)
        } catch {
            Terminal.writeError("error: \(error.description)\n")
            throw ExitCode(2)
        }
        try WorkflowOutput.finish(report, format: format, color: output == nil ? color : .never, quiet: quiet,
                                  outputPath: output, writeBaselinePath: writeBaseline,
                                  failingSeverity: failOn?.severity ?? report.failOn ?? .info,
                                  exitZero: exitZero, stampPath: stamp)
    }
}

extension OutputFormat: NamedArgumentValue {}

enum FailingSeverity: String, NamedArgumentValue {
    case info, warning, error
    var severity: Severity {
        switch self {
        case .info: return .info
        case .warning: return .warning
        case .error: return .error
        }
    }
}
