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

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Only these rules: codes, names, aliases or code prefixes (AL1), comma-separated; repeatable.", valueName: "RULES"))
    var select: [String] = []

    @Option(name: .long, help: ArgumentHelp("Leave these rules out (same forms as --select); repeatable.", valueName: "RULES"))
    var ignore: [String] = []

    @Option(name: .long, help: ArgumentHelp("Skip files and directories matching this .gitignore-style glob; repeatable.", valueName: "GLOB"))
    var exclude: [String] = []

    @Option(name: [.customShort("j"), .long], help: "Worker threads (default: the number of active processors).")
    var jobs: Int?

    @Option(help: "Color the text output: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    @Option(name: .customLong("fail-on"), help: "The lowest severity that makes the exit status 1: info, warning or error.")
    var failOn: FailingSeverity = .info

    @Flag(name: [.short, .long], help: "Print only the findings' first lines: no help, snippets, notes or summary.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        var options = LintOptions(paths: paths, select: select, ignore: ignore, excludes: exclude)
        if let jobs { options.jobs = jobs }
        let report: LintReport
        do {
            report = try Linter().run(options)
        } catch {
            Terminal.writeError("error: \(error.description)\n")
            throw ExitCode(2)
        }
        let style = TextStyle(color: Terminal.wantsColor(color), quiet: quiet)
        let output = format.reporter(style: style).render(report)
        Terminal.write(output.standardOutput)
        Terminal.writeError(output.standardError)
        let status = report.exitStatus(failingSeverity: failOn.severity)
        if status != 0 { throw ExitCode(status) }
    }
}

extension OutputFormat: ExpressibleByArgument {}

enum FailingSeverity: String, ExpressibleByArgument, CaseIterable {
    case info, warning, error
    var severity: Severity {
        switch self {
        case .info: return .info
        case .warning: return .warning
        case .error: return .error
        }
    }
}
