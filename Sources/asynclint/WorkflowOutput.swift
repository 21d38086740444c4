import Analysis
import ArgumentParser
import AsyncLint
import Foundation
import Reporting

/// The end of `asynclint check`: render the report in the chosen format to standard output or
/// `--output`, write `--write-baseline`, list unused suppressions, and pick the exit status.
enum WorkflowOutput {
    static func finish(_ report: LintReport, format: OutputFormat, color: ColorChoice, quiet: Bool,
                       outputPath: String?, writeBaselinePath: String?, failingSeverity: Severity,
                       exitZero: Bool = false, stampPath: String? = nil) throws {
        let reporter: any Reporter
        if format == .diagnostics {
            reporter = DiagnosticsReporter(workingDirectory: FileManager.default.currentDirectoryPath)
        } else if format == .sarif {
            let directory = FileManager.default.currentDirectoryPath
            reporter = SarifReporter(rootURI: "file://" + SarifReporter.percentEncodedURI(directory.hasSuffix("/") ? directory : directory + "/"))
        } else {
            reporter = format.reporter(style: TextStyle(color: Terminal.wantsColor(color), quiet: quiet))
        }
        let rendered = reporter.render(report)
        if let outputPath {
            if let problem = AtomicFile.write(rendered.standardOutput, to: outputPath) {
                Terminal.writeError("error: --output: \(problem)\n")
                throw ExitCode(2)
            }
        } else {
            Terminal.write(rendered.standardOutput)
        }
        Terminal.writeError(rendered.standardError)
        if !reporter.rendersUnusedSuppressions {
            for note in report.unusedSuppressions {
                Terminal.writeError("\(note.path):\(note.message)\n")
            }
        }
        if let writeBaselinePath {
            do {
                try Baseline(report: report).write(path: writeBaselinePath)
            } catch {
                Terminal.writeError("error: \(error.description)\n")
                throw ExitCode(2)
            }
            Terminal.writeError("Recorded \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") in \(writeBaselinePath).\n")
            if !report.errors.isEmpty { throw ExitCode(2) }
            return
        }
        if let stampPath, let problem = AtomicFile.write("", to: stampPath) {
            Terminal.writeError("error: --stamp: \(problem)\n")
            throw ExitCode(2)
        }
        var status = report.exitStatus(failingSeverity: failingSeverity)
        if status == 0 && !report.unusedSuppressions.isEmpty { status = 1 }
        if exitZero && status == 1 { status = 0 }
        if status != 0 { throw ExitCode(status) }
    }
}
