import Analysis

/// `--format diagnostics`: one line per finding in the compilers' format,
/// `/abs/path/file.swift:4:5: warning: message [AL105]`, which SwiftPM and Xcode show as build
/// diagnostics (the SwiftPM build-tool plugin uses it). Error-severity findings are errors,
/// the rest warnings; paths are absolute when the working directory is known, since a build
/// system runs the tool from a directory of its own choosing.
public struct DiagnosticsReporter: Reporter {
    public var workingDirectory: String?

    public init(workingDirectory: String? = nil) {
        self.workingDirectory = workingDirectory
    }

    public var rendersUnusedSuppressions: Bool { true }

    public func render(_ report: LintReport) -> ReporterOutput {
        var out = ""
        for finding in report.findings {
            let kind = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "note"
            out += "\(absolute(finding.path)):\(finding.range.start.line):\(finding.range.start.column): \(kind): "
                + "\(finding.message.replacingOccurrences(of: "\n", with: " ")) [\(finding.code)]\n"
        }
        for error in report.errors {
            out += "\(absolute(error.path)): error: \(error.message)\n"
        }
        for unused in report.unusedSuppressions {
            out += "\(absolute(unused.path)):\(unused.line):\(unused.column): warning: \(unused.description)\n"
        }
        return ReporterOutput(standardOutput: out, standardError: "")
    }

    /// The path joined to the working directory, with `.` and `..` taken out lexically: a file
    /// named as `../../tmp/a.py` is `/tmp/a.py`, not `/work/repo/../../tmp/a.py`.
    func absolute(_ path: String) -> String {
        guard let workingDirectory, !path.hasPrefix("/") else { return path }
        var parts: [Substring] = []
        for part in (workingDirectory + "/" + path).split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
