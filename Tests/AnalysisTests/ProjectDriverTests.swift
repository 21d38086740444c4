import Foundation
import Testing
import LightSyntax
@testable import Analysis
import AsyncLint

/// The driver runs passes 1–3 over a directory: AL110 across files, the configuration's
/// `safe-functions` / `blocking-functions`, and the switch that turns the index off.
@Suite struct ProjectDriverTests {
    static func project(config: String?) throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("asynclint-project-\(UUID().uuidString)")
        let package = root.appendingPathComponent("pkg")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try "".write(to: package.appendingPathComponent("__init__.py"), atomically: true, encoding: .utf8)
        try "def read_file(p):\n    with open(p) as f:\n        return f.read()\n\ndef native_call():\n    return 1\n"
            .write(to: package.appendingPathComponent("io.py"), atomically: true, encoding: .utf8)
        try "from .io import read_file, native_call\n\nasync def handle(p):\n    read_file(p)\n    native_call()\n    read_file(p)  # noqa: AL110\n"
            .write(to: package.appendingPathComponent("handlers.py"), atomically: true, encoding: .utf8)
        if let config {
            try config.write(to: root.appendingPathComponent(".asynclint.toml"), atomically: true, encoding: .utf8)
        }
        return root.path
    }

    func findings(_ root: String, linter: Linter = Linter()) throws -> [String] {
        try linter.run(LintOptions(paths: ["."], jobs: 2, workingDirectory: root)).findings
            .map { "\($0.path):\($0.range.start.line): \($0.code)" }
    }

    @Test func helpersInAnotherFileAreFollowedAndSuppressionsApply() throws {
        let root = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try findings(root) == ["pkg/handlers.py:4: AL110"])
        var off = Linter()
        off.usesProjectIndex = false
        #expect(try findings(root, linter: off).isEmpty)
    }

    @Test func configurationMarksSafeAndBlockingFunctions() throws {
        let root = try Self.project(config: "safe-functions = [\"pkg.io.read_file\"]\nblocking-functions = [\"pkg.io.native_call\"]\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try findings(root) == ["pkg/handlers.py:5: AL110"])
    }

    @Test func theParametersWorkWithoutAConfigurationFile() throws {
        let root = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var linter = Linter()
        linter.safeFunctions = ["pkg.io.read_file"]
        linter.blockingFunctions = ["pkg.io.native_call"]
        #expect(try findings(root, linter: linter) == ["pkg/handlers.py:5: AL110"])
    }
}
