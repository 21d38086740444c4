@testable import Analysis
@testable import Reporting
import Testing

@Test func textFormatIsExactlyAsDocumented() {
    let output = TextReporter().render(ReportFixtures.sleepReport)
    #expect(output.standardOutput == """
        app/main.py:3:5: AL101 `time.sleep()` blocks the event loop
          help: use `await asyncio.sleep(...)`
          |
        3 |     time.sleep(1)
          |     ^^^^^^^^^^^^^

        Found 1 finding (AL101: 1) in 1 file.

        """)
    #expect(output.standardError == "")
}

@Test func colorCodesOnlyWhenAsked() {
    let plain = TextReporter(style: TextStyle(color: false)).render(ReportFixtures.sleepReport)
    let colored = TextReporter(style: TextStyle(color: true)).render(ReportFixtures.sleepReport)
    #expect(!plain.standardOutput.contains("\u{1B}["))
    #expect(colored.standardOutput.contains("\u{1B}[1;31mAL101\u{1B}[0m"))
    #expect(colored.standardOutput.contains("\u{1B}[1;31m^^^^^^^^^^^^^\u{1B}[0m"))
    // Stripping the escapes gives back the plain text.
    #expect(stripANSI(colored.standardOutput) == plain.standardOutput)
}

@Test func warningsArePaintedYellow() {
    let task = ReportFixtures.finding("a.py", 1, 1, to: 5, code: "AL201", message: "task dropped", help: "")
    let colored = TextReporter(style: TextStyle(color: true)).render(ReportFixtures.report([task]))
    #expect(colored.standardOutput.contains("\u{1B}[1;33mAL201\u{1B}[0m"))
    // No help line when the finding has none, no snippet when the line is unknown.
    #expect(stripANSI(colored.standardOutput) == "a.py:1:1: AL201 task dropped\n\nFound 1 finding (AL201: 1) in 1 file.\n")
}

@Test func quietPrintsOnlyFindingLinesAndErrors() {
    let report = ReportFixtures.report([ReportFixtures.sleepFinding], lines: [("app/main.py", 3, "    time.sleep(1)")],
                                       errors: [FileError(path: "gone.py", message: "No such file or directory")],
                                       notes: [FileNote(path: "blob.py", message: "skipped: binary file")])
    let output = TextReporter(style: TextStyle(quiet: true)).render(report)
    #expect(output.standardOutput == "app/main.py:3:5: AL101 `time.sleep()` blocks the event loop\n")
    #expect(output.standardError == "gone.py: error: No such file or directory\n")
}

@Test func errorsAndNotesGoToStandardError() {
    let report = ReportFixtures.report([], errors: [FileError(path: "z.py", message: "cannot read: is a directory"),
                                                    FileError(path: "a.py", message: "No such file or directory")],
                                       notes: [FileNote(path: "blob.py", message: "skipped: binary file")], files: 3)
    let output = TextReporter().render(report)
    #expect(output.standardError == """
        a.py: error: No such file or directory
        z.py: error: cannot read: is a directory
        blob.py: note: skipped: binary file

        """)
    #expect(output.standardOutput == "No findings in 3 files; 2 files could not be checked.\n")
}

@Test func summaryLines() {
    let reporter = TextReporter()
    #expect(reporter.summary(ReportFixtures.report([], files: 12)) == "All checked: 12 files, no findings.")
    #expect(reporter.summary(ReportFixtures.report([], files: 1)) == "All checked: 1 file, no findings.")
    let findings = [
        ReportFixtures.finding("b.py", 1, 1, to: 2),
        ReportFixtures.finding("a.py", 9, 1, to: 2, code: "AL102"),
        ReportFixtures.finding("a.py", 2, 1, to: 2),
    ]
    #expect(reporter.summary(ReportFixtures.report(findings, files: 5)) == "Found 3 findings (AL101: 2, AL102: 1) in 2 files.")
    let withError = ReportFixtures.report(findings, errors: [FileError(path: "x.py", message: "m")], files: 5)
    #expect(reporter.summary(withError) == "Found 3 findings (AL101: 2, AL102: 1) in 2 files; 1 file could not be checked.")
}

@Test func findingsAreRenderedInReportOrder() {
    let findings = [
        ReportFixtures.finding("b.py", 1, 1, to: 2),
        ReportFixtures.finding("a.py", 2, 7, to: 8, code: "AL102"),
        ReportFixtures.finding("a.py", 2, 7, to: 8),
        ReportFixtures.finding("a.py", 2, 3, to: 4),
    ]
    let output = TextReporter(style: TextStyle(quiet: true)).render(ReportFixtures.report(findings))
    let heads = output.standardOutput.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
    #expect(heads == ["a.py:2:3: AL101", "a.py:2:7: AL101", "a.py:2:7: AL102", "b.py:1:1: AL101"])
}

@Test func chainIsShownUnderTheHelp() {
    let chain = [ChainHop(name: "load_settings", path: "app/settings.py", line: 4, column: 5),
                 ChainHop(name: "read_file", path: "app/io.py", line: 10, column: 5)]
    let finding = ReportFixtures.finding("app/main.py", 7, 5, to: 20, code: "AL110",
                                         message: "load_settings() blocks: load_settings → read_file → open()",
                                         help: "make it async", chain: chain)
    let output = TextReporter().render(ReportFixtures.report([finding]))
    #expect(output.standardOutput.hasPrefix("""
        app/main.py:7:5: AL110 load_settings() blocks: load_settings → read_file → open()
          help: make it async
          chain: load_settings (app/settings.py:4:5) → read_file (app/io.py:10:5)

        """))
}

private func snippet(_ line: String, _ column: Int, to endColumn: Int, endLine: Int? = nil) -> String {
    let finding = ReportFixtures.finding("f.py", 12, column, to: endColumn, endLine: endLine)
    return TextReporter().snippet(line: line, finding: finding)
}

@Test func snippetExpandsTabsSoCaretsLineUp() {
    // Column 3 is the `x` after two tabs: display column 8.
    #expect(snippet("\t\tx = open(p)", 7, to: 14) == """
           |
        12 |         x = open(p)
           |             ^^^^^^^

        """)
}

@Test func snippetCountsWideCharactersTwice() {
    #expect(snippet("s = \"日本\"; time.sleep(1)", 11, to: 24) == """
           |
        12 | s = "日本"; time.sleep(1)
           |             ^^^^^^^^^^^^^

        """)
}

@Test func snippetUnderlinesToTheEndOfTheLineForMultiLineRanges() {
    #expect(snippet("    requests.get(   ", 5, to: 2, endLine: 14) == """
           |
        12 |     requests.get(
           |     ^^^^^^^^^^^^^

        """)
}

@Test func snippetShowsOneCaretForAnEmptyOrOutOfRangeSpan() {
    #expect(snippet("abc", 2, to: 2).hasSuffix("12 | abc\n   |  ^\n"))
    #expect(snippet("abc", 9, to: 12).hasSuffix("12 | abc\n   |    ^\n"))
}

@Test func aWideLineIsCutToAWindowAroundTheFinding() {
    let line = String(repeating: "a", count: 300) + "time.sleep(1)" + String(repeating: "b", count: 300)
    let rendered = snippet(line, 301, to: 314)
    let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
    let code = String(lines[1].dropFirst("12 | ".count))
    let carets = String(lines[2].dropFirst("   | ".count))
    #expect(code.hasPrefix("…"))
    #expect(code.hasSuffix("…"))
    #expect(code.count <= TextReporter.maximumSnippetWidth + 2)
    #expect(code.contains("time.sleep(1)"))
    // The carets sit exactly under `time.sleep(1)`.
    let caretStart = carets.firstIndex(of: "^")!
    let offset = carets.distance(from: carets.startIndex, to: caretStart)
    #expect(String(Array(code)[offset..<offset + 13]) == "time.sleep(1)")
    #expect(carets.filter { $0 == "^" }.count == 13)
}

func stripANSI(_ text: String) -> String {
    var out = ""
    var inEscape = false
    for scalar in text.unicodeScalars {
        if inEscape {
            if scalar == "m" { inEscape = false }
        } else if scalar == "\u{1B}" {
            inEscape = true
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
