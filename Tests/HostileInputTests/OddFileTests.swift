import Analysis
import AsyncLint
import Foundation
import LightSyntax
import Reporting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Odd bytes and odd files through the real driver: every file is either checked or named
/// with a clear diagnostic, and the findings of the ordinary files around them are reported.
/// (The front ends' own tests cover the same bytes at the parser level: PythonHostileInputTests,
/// SwiftHostileInput, StackBounds.)
@Suite struct OddFileTests {
    static let pythonBlocking = "import time\nasync def f():\n    time.sleep(1)\n"
    static let swiftBlocking = "import Foundation\nfunc f() async {\n    Thread.sleep(forTimeInterval: 1)\n}\n"

    /// Odd contents per language; each file also holds (or is) something to find when it can.
    static func oddContents(python: Bool) -> [(String, [UInt8])] {
        let ext = python ? "py" : "swift"
        let blocking = Array((python ? pythonBlocking : swiftBlocking).utf8)
        func text(_ s: String) -> [UInt8] { Array(s.utf8) }
        let crlf = text((python ? pythonBlocking : swiftBlocking).replacingOccurrences(of: "\n", with: "\r\n"))
        let cr = text((python ? pythonBlocking : swiftBlocking).replacingOccurrences(of: "\n", with: "\r"))
        let invalidIdentifier: [UInt8] = python
            ? text("import time\nasync def f") + [0xFF, 0xC3] + text("():\n    x") + [0x80] + text(" = 1\n    time.sleep(1)\n")
            : text("import Foundation\nfunc f") + [0xFF, 0xC3] + text("() async {\n    let x") + [0x80] + text(" = 1\n    Thread.sleep(forTimeInterval: 1)\n}\n")
        let invalidString: [UInt8] = python
            ? text("import time\nasync def f():\n    s = '") + [0xFF, 0xFE, 0xED, 0xA0, 0x80] + text("'\n    time.sleep(1)\n")
            : text("import Foundation\nfunc f() async {\n    let s = \"") + [0xFF, 0xFE, 0xED, 0xA0, 0x80] + text("\"\n    Thread.sleep(forTimeInterval: 1)\n}\n")
        let surrogates = python
            ? text("import time\nasync def f():\n    s = '\\ud800\\udfff' + \"\\U0000d800\" + f'{\"\\ud800\"}'\n    time.sleep(1)\n")
            : text("import Foundation\nfunc f() async {\n    let s = \"\\u{D800}\\u{DFFF}\\u{110000}\\(\"\\u{D800}\")\"\n    Thread.sleep(forTimeInterval: 1)\n}\n")
        let tabs = python
            ? text("import time\nasync def f():\n\tif True:\n\t    x = 1\n        time.sleep(1)\n  \t  y = 2\n")
            : text("import Foundation\nfunc f() async {\n\t  if true {\n  \t\tThread.sleep(forTimeInterval: 1)\n\t}\n}\n")
        let unterminated = python
            ? text("import time\nasync def f():\n    time.sleep(1)\n    s = '''abc\n    t = f\"{x\n    u = (1, [2, {3\n    async def g(\n")
            : text("import Foundation\nfunc f() async {\n    Thread.sleep(forTimeInterval: 1)\n    let s = \"\"\"\n    abc \\(g( /* never\n    #if X\n    let r = #/abc\n")
        // A NUL after the driver's binary probe (8000 bytes) is source with a NUL in it.
        let lateNul = blocking + text(String(repeating: "# padding\n", count: 900)) + [0] + text("\n")
        return [
            ("empty.\(ext)", []),
            ("bom.\(ext)", [0xEF, 0xBB, 0xBF]),
            ("bom-code.\(ext)", [0xEF, 0xBB, 0xBF] + blocking),
            ("early-nul.\(ext)", [0] + blocking),
            ("late-nul.\(ext)", lateNul),
            ("invalid-identifier.\(ext)", invalidIdentifier),
            ("invalid-string.\(ext)", invalidString),
            ("surrogates.\(ext)", surrogates),
            ("crlf.\(ext)", crlf),
            ("cr.\(ext)", cr),
            ("tabs.\(ext)", tabs),
            ("unterminated.\(ext)", unterminated),
            ("z-plain.\(ext)", blocking),
        ]
    }

    @Test(arguments: [true, false])
    func oddBytesAreCheckedAndTheRestStillReported(python: Bool) throws {
        let scratch = try Scratch()
        let files = Self.oddContents(python: python)
        for (name, bytes) in files { try scratch.write(name, bytes: bytes) }
        var report: LintReport?
        let elapsed = try seconds { report = try scratch.lint() }
        let result = try #require(report)
        #expect(elapsed < 30)
        #expect(result.errors.isEmpty)
        // The only file not analysed: the NUL in the first 8000 bytes makes it binary, said in a note.
        // Files the front end only partly understood were analysed, and each gets one note naming
        // where (invalid UTF-8, a stray NUL, inconsistent tabs, unterminated everything).
        let ext = python ? "py" : "swift"
        let partly = python ? ["invalid-identifier", "invalid-string", "late-nul", "tabs", "unterminated"]
                            : ["invalid-identifier", "invalid-string", "late-nul", "unterminated"]
        #expect(result.notes.map(\.path) == (["early-nul"] + partly).map { "\($0).\(ext)" })
        #expect(result.notes.first?.message.contains("binary") == true)
        for note in result.notes.dropFirst() {
            #expect(note.message.contains("the rest of the file was still checked"), "\(note.path): \(note.message)")
        }
        #expect(result.notes.first { $0.path == "invalid-string.\(ext)" }?.message.contains("invalid UTF-8") == true)
        #expect(result.filesChecked == files.count - 1)
        let found = Set(result.findings.filter { $0.code == "AL101" }.map(\.path))
        for name in ["bom-code", "late-nul", "invalid-identifier", "invalid-string", "surrogates", "crlf", "cr",
                     "unterminated", "z-plain"] {
            #expect(found.contains("\(name).\(ext)"), "no AL101 in \(name).\(ext)")
        }
        // Line ends of every kind count lines the same way.
        for name in ["crlf", "cr", "z-plain", "bom-code"] {
            let finding = result.findings.first { $0.path == "\(name).\(ext)" && $0.code == "AL101" }
            #expect(finding?.range.start == LightSyntax.SourceLocation(line: 3, column: 5), "\(name)")
        }
        // Every reporter renders the odd bytes, and JSON stays JSON.
        let json = JSONReporter().render(result).standardOutput
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
        _ = TextReporter().render(result)
    }

    @Test func oddFilesAreNamedWithADiagnosticAndNothingHangs() throws {
        let scratch = try Scratch()
        try scratch.write("a.py", Self.pythonBlocking)
        try scratch.write("z.swift", Self.swiftBlocking)
        // A directory named like a source file is walked, not read.
        try scratch.write("dir.py/inner.py", Self.pythonBlocking)
        // Symbolic link loops: two links naming each other, and a directory link to its parent.
        #expect(symlink("loop-b.py", scratch.path("loop-a.py")) == 0)
        #expect(symlink("loop-a.py", scratch.path("loop-b.py")) == 0)
        try FileManager.default.createDirectory(atPath: scratch.path("sub"), withIntermediateDirectories: true)
        #expect(symlink("..", scratch.path("sub/up")) == 0)
        // A FIFO with no writer: opening it for reading would block forever without O_NONBLOCK.
        #expect(mkfifo(scratch.path("fifo.py"), 0o644) == 0)
        // Unreadable although the tests run as root (chmod 000 stops no one but other users):
        // /proc/self/mem is a regular file whose read at offset 0 fails with EIO, since nothing
        // is mapped at address 0. A link to it named like a source file is a file that cannot
        // be read, for root too.
        #expect(symlink("/proc/self/mem", scratch.path("unreadable.py")) == 0)
        var report: LintReport?
        let elapsed = try seconds {
            report = try scratch.lint(jobs: 2)
        }
        let result = try #require(report)
        #expect(elapsed < 30)
        #expect(Set(result.findings.map(\.path)) == ["a.py", "dir.py/inner.py", "z.swift"])
        let errors = Dictionary(result.errors.map { ($0.path, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(errors["fifo.py"] == "cannot read: not a regular file")
        #expect(errors["loop-a.py"]?.contains("broken symbolic link") == true)
        #expect(errors["loop-b.py"]?.contains("broken symbolic link") == true)
        #expect(errors["unreadable.py"]?.hasPrefix("cannot read: ") == true, "\(result.errors)")
        #expect(result.exitStatus() == 2)
        // Named on the command line, a symlink loop is an error too, and a directory is walked.
        let named = try scratch.lint(["loop-a.py", "dir.py", "a.py"])
        #expect(named.findings.map(\.path) == ["a.py", "dir.py/inner.py"])
        #expect(named.errors.map(\.path) == ["loop-a.py"])
    }

    @Test func aFileDeletedBetweenDiscoveryAndReadingIsAnError() throws {
        let scratch = try Scratch()
        for name in ["a.py", "b.py", "c.py"] { try scratch.write(name, Self.pythonBlocking) }
        // With one job, files are read in path order; checking a.py deletes b.py, which discovery
        // has already listed.
        let root = scratch.root
        let linter = Linter { tree, path in
            if path == "a.py" { unlink(root + "/b.py") }
            return FileChecker.check(tree, path: path, catalogue: .embedded)
        }
        let report = try scratch.lint(jobs: 1, linter: linter)
        #expect(report.findings.map(\.path) == ["a.py", "c.py"])
        #expect(report.errors == [FileError(path: "b.py", message: "cannot read: No such file or directory")])
        #expect(report.exitStatus() == 2)
    }

    @Test func aNonUTF8PathNameIsCheckedOrNamed() throws {
        let scratch = try Scratch()
        try scratch.write("a.py", Self.pythonBlocking)
        // `bad\xFF.py`: legal on Linux, where a name is bytes; not representable as a Swift String.
        let raw: [CChar] = Array("\(scratch.root)/bad".utf8CString.dropLast()) + [CChar(bitPattern: 0xFF)]
            + Array(".py".utf8CString)
        let fd = raw.withUnsafeBufferPointer { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0)
        _ = Self.pythonBlocking.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let report = try scratch.lint()
        #expect(report.findings.contains { $0.path == "a.py" })
        // Paths are Strings, which cannot hold the byte 0xFF: the file is named as not analysed,
        // with the reason, never silently dropped or reported as missing.
        #expect(report.errors == [FileError(path: "bad\u{FFFD}.py", message: "cannot read: the file name is not valid UTF-8 (shown with U+FFFD); rename it to check it")])
        #expect(report.filesChecked == 1)
        let json = JSONReporter().render(report).standardOutput
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }
}
