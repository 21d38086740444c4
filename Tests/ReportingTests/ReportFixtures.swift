@testable import Analysis
import LightSyntax
@testable import Reporting

/// Hand-made findings, so the reporters are tested independently of the analysis.
enum ReportFixtures {
    static func finding(_ path: String, _ line: Int, _ column: Int, to endColumn: Int, endLine: Int? = nil,
                        code: String = "AL101", message: String = "`time.sleep()` blocks the event loop",
                        help: String = "use `await asyncio.sleep(...)`", chain: [ChainHop] = [],
                        language: SourceLanguage = .python) -> Finding {
        let rule = RuleCatalogue.embedded.rule(code: code)!
        let range = SourceRange(start: SourceLocation(line: line, column: column),
                                end: SourceLocation(line: endLine ?? line, column: endColumn))
        return Finding(path: path, range: range, rule: rule, language: language, message: message, help: help, chain: chain)
    }

    static func report(_ findings: [Finding], lines: [(String, Int, String)] = [], errors: [FileError] = [],
                       notes: [FileNote] = [], files: Int = 1) -> LintReport {
        var sourceLines = SourceLines()
        for (path, line, text) in lines { sourceLines.record(path: path, line: line, text: text) }
        return LintReport(findings: findings, errors: errors, notes: notes, filesChecked: files, sourceLines: sourceLines)
    }

    static let sleepFinding = finding("app/main.py", 3, 5, to: 18)
    static let sleepReport = report([sleepFinding], lines: [("app/main.py", 3, "    time.sleep(1)")], files: 2)
}
