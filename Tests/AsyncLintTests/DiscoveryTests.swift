import Foundation
import Reporting
import Testing
@testable import AsyncLint

private func discover(_ tree: TempTree, _ paths: [String] = ["."], excludes: [String] = []) -> FileDiscovery.Result {
    FileDiscovery(workingDirectory: tree.root, excludeGlobs: excludes).discover(paths)
}

@Test func walksSourceFilesSkippingHiddenAndOtherExtensions() throws {
    let tree = try TempTree()
    try tree.write("a.py", "")
    try tree.write("b.pyi", "")
    try tree.write("sub/c.swift", "")
    try tree.write("sub/readme.md", "")
    try tree.write("sub/script.pyc", "")
    try tree.write(".hidden.py", "")
    try tree.write(".venv/lib/d.py", "")
    try tree.write("sub/.build/e.swift", "")
    let result = discover(tree)
    #expect(result.files.map(\.displayPath) == ["a.py", "b.pyi", "sub/c.swift"])
    #expect(result.files.map(\.language) == [.python, .python, .swift])
    #expect(result.errors.isEmpty)
}

/// Installed code is no project code, with or without a `.gitignore`: a venv (by its
/// `pyvenv.cfg`, whatever its name), `site-packages`, `node_modules`; a directory named on the
/// command line is walked.
@Test func skipsVirtualEnvironmentsAndInstalledPackages() throws {
    let tree = try TempTree()
    try tree.write("app/main.py", "")
    try tree.write("env/pyvenv.cfg", "home = /usr/bin\n")
    try tree.write("env/lib/python3.11/site-packages/vendorlib/aio.py", "")
    try tree.write("lib/site-packages/other.py", "")
    try tree.write("web/node_modules/pkg/x.py", "")
    try tree.write("tools/__pypackages__/3.11/lib/y.py", "")
    try tree.write("tools/run.py", "")
    #expect(discover(tree).files.map(\.displayPath) == ["app/main.py", "tools/run.py"])
    #expect(discover(tree, ["env/lib/python3.11/site-packages"]).files.map(\.displayPath)
        == ["env/lib/python3.11/site-packages/vendorlib/aio.py"])
}

@Test func honoursNestedGitignoreFiles() throws {
    let tree = try TempTree()
    try tree.write(".gitignore", "gen/\n*_pb2.py\n/top_only.py\n")
    try tree.write("top_only.py", "")
    try tree.write("app/top_only.py", "")
    try tree.write("app/models_pb2.py", "")
    try tree.write("app/gen/x.py", "")
    try tree.write("app/.gitignore", "local/\n!keep_pb2.py\n*.swift\n")
    try tree.write("app/keep_pb2.py", "")
    try tree.write("app/local/y.py", "")
    try tree.write("app/View.swift", "")
    try tree.write("lib/View.swift", "")
    try tree.write("lib/local/z.py", "")
    let result = discover(tree)
    #expect(result.files.map(\.displayPath) == [
        "app/keep_pb2.py", "app/top_only.py", "lib/View.swift", "lib/local/z.py",
    ])
}

@Test func gitignoreAboveTheStartingDirectoryAppliesInsideARepository() throws {
    let tree = try TempTree()
    try tree.mkdir(".git")
    try tree.write(".gitignore", "generated/\n")
    try tree.write("src/generated/a.py", "")
    try tree.write("src/b.py", "")
    #expect(discover(tree, ["src"]).files.map(\.displayPath) == ["src/b.py"])
}

@Test func excludeGlobsPruneFilesAndDirectories() throws {
    let tree = try TempTree()
    try tree.write("a.py", "")
    try tree.write("vendor/b.py", "")
    try tree.write("src/gen/c.py", "")
    try tree.write("src/d_test.py", "")
    try tree.write("src/e.py", "")
    let result = discover(tree, excludes: ["vendor", "src/gen", "*_test.py"])
    #expect(result.files.map(\.displayPath) == ["a.py", "src/e.py"])
}

@Test func anExplicitlyNamedFileIsAlwaysChecked() throws {
    let tree = try TempTree()
    try tree.write(".gitignore", "ignored.py\n")
    try tree.write("ignored.py", "")
    try tree.write(".hidden/h.py", "")
    try tree.write("notes.txt", "")
    let result = discover(tree, ["ignored.py", ".hidden/h.py", "notes.txt", "./ignored.py"], excludes: ["*.py"])
    #expect(result.files.map(\.displayPath) == [".hidden/h.py", "ignored.py"])
    #expect(result.notes.map(\.path) == ["notes.txt"])
    // An explicitly named directory is walked even when hidden; its hidden children are not.
    #expect(discover(tree, [".hidden"]).files.map(\.displayPath) == [".hidden/h.py"])
}

@Test func symbolicLinkLoopsTerminateAndEachDirectoryIsWalkedOnce() throws {
    let tree = try TempTree()
    try tree.write("a/x.py", "")
    try tree.symlink("a/loop", to: tree.path("a"))
    try tree.symlink("a/up", to: "..")
    try tree.symlink("b", to: "a")
    try tree.symlink("a/dangling.py", to: tree.path("nowhere.py"))
    try tree.symlink("a/dangling.txt", to: tree.path("nowhere.txt"))
    let result = discover(tree)
    #expect(result.files.map(\.displayPath) == ["a/x.py"])
    // A dangling link named like a source file is reported; one that is not is ignored.
    #expect(result.errors.map(\.path) == ["a/dangling.py"])
}

@Test func aMissingPathIsAnError() throws {
    let tree = try TempTree()
    try tree.write("a.py", "")
    let result = discover(tree, ["missing.py", "a.py"])
    #expect(result.files.map(\.displayPath) == ["a.py"])
    #expect(result.errors == [FileError(path: "missing.py", message: "No such file or directory")])
}

@Test func pathsOutsideTheWorkingDirectoryClimbWithDotDot() throws {
    let tree = try TempTree()
    try tree.write("a/x.py", "")
    try tree.mkdir("b")
    let result = FileDiscovery(workingDirectory: tree.path("b"), excludeGlobs: []).discover(["../a"])
    #expect(result.files.map(\.displayPath) == ["../a/x.py"])
}

@Test func readingRefusesDirectoriesAndMissingFiles() throws {
    let tree = try TempTree()
    try tree.write("a.py", "x = 1\n")
    try tree.mkdir("dir.py")
    #expect(try FileSystem.readFile(tree.path("a.py")).get() == Array("x = 1\n".utf8))
    #expect(FileSystem.readFile(tree.path("dir.py")).failureValue == .isDirectory)
    #expect(FileSystem.readFile(tree.path("gone.py")).failureValue == .system(SystemError(errno: ENOENT)))
}

@Test func readingABigFileReturnsEveryByte() throws {
    let tree = try TempTree()
    let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251 + 1) }
    try tree.write("big.py", bytes: bytes)
    #expect(try FileSystem.readFile(tree.path("big.py")).get() == bytes)
}

#if os(Linux)
/// procfs says its files are empty: a file longer than its stated size is still read to the end.
@Test func readingAFileLongerThanItsStatedSizeReturnsEveryByte() throws {
    let expected = Array(try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8).utf8)
    let read = try FileSystem.readFile("/proc/self/mountinfo").get()
    #expect(!read.isEmpty)
    #expect(read == expected)
}
#endif

/// Directory entries come with their kind from `readdir`, so files need no `lstat`.
@Test func directoryListingSaysWhatEachEntryIs() throws {
    let tree = try TempTree()
    try tree.write("b.py", "x = 1\n")
    try tree.mkdir("a")
    try FileManager.default.createSymbolicLink(atPath: tree.path("c"), withDestinationPath: "b.py")
    let entries = try FileSystem.directoryListing(tree.root).get()
    #expect(entries.map(\.name) == ["a", "b.py", "c"])
    // A file system may not say (nil); when it does, it says the truth.
    for (entry, kind) in zip(entries, [FileSystem.Kind.directory, .regular, .symbolicLink]) {
        #expect(entry.kind == nil || entry.kind == kind)
        #expect(entry.nameIsUTF8)
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

@Test func aParentsGitignoreOutsideARepositoryHasNoSay() throws {
    let tree = try TempTree()
    try tree.write(".gitignore", "*.py\n")
    try tree.write("project/a.py", "")
    // No `.git` anywhere above `project`: the stray .gitignore above it is not git's business.
    #expect(FileDiscovery(workingDirectory: tree.path("project"), excludeGlobs: []).discover(["."]).files.map(\.displayPath) == ["a.py"])
    // Walking from the directory that holds it, it applies.
    #expect(discover(tree).files.isEmpty)
}

@Test func aFileNamedTwiceIsCheckedOnce() throws {
    let tree = try TempTree()
    try tree.write("src/a.py", "")
    let result = discover(tree, ["src", "src/a.py", "./src/../src/a.py"])
    #expect(result.files.map(\.displayPath) == ["src/a.py"])
}

/// The package and configuration files each directory holds come from discovery's listings:
/// removed after the walk, they still count (no `lstat` was made for them), and only a
/// directory the walk did not list is asked of the file system. The module names and the
/// configuration then come out as from `lstat`.
@Test func listedNamesAnswerFromTheWalkAndFallBackOutsideIt() throws {
    let tree = try TempTree()
    try tree.write("pkg/__init__.py", "")
    try tree.write("pkg/mod.py", "")
    try tree.write("pkg/sub/x.py", "")
    try tree.write("Package.swift", "")
    try tree.write("Sources/App/a.swift", "")
    try tree.write("app/.asynclint.toml", "")
    try tree.write("app/pyproject.toml", "[tool.asynclint]\n")
    try tree.write("outside/__init__.py", "")
    let result = discover(tree, ["pkg", "Sources", "app"])
    let listed = result.listedNames
    #expect(listed.exists(tree.path("pkg/__init__.py")))
    #expect(!listed.exists(tree.path("pkg/sub/__init__.py")))
    #expect(listed.exists(tree.path("app/.asynclint.toml")))
    #expect(listed.exists(tree.path("app/pyproject.toml")))
    #expect(!listed.exists(tree.path("pkg/pyproject.toml")))
    try FileManager.default.removeItem(atPath: tree.path("pkg/__init__.py"))
    try FileManager.default.removeItem(atPath: tree.path("app/.asynclint.toml"))
    // Answered from the listing: the files are gone now.
    #expect(listed.exists(tree.path("pkg/__init__.py")))
    #expect(listed.exists(tree.path("app/.asynclint.toml")))
    // The root was not walked (only paths below it were given): asked of the file system.
    #expect(listed.exists(tree.path("Package.swift")))
    #expect(!listed.exists(tree.path("__init__.py")))
    // Other names are always asked of the file system.
    #expect(listed.exists(tree.path("pkg/mod.py")))
    #expect(!listed.exists(tree.path("pkg/gone.py")))
    #expect(listed.exists(tree.path("outside/__init__.py")))
    // The module names built on them: `pkg` is a package by its listing (its `__init__.py` is
    // gone), `pkg/sub` is none, and the target's `Package.swift` was found by `lstat`.
    let packages = PackageMarkers(result.files, listedNames: listed)
    let modules = result.files.map { packages.module(of: $0) }
    #expect(result.files.map(\.displayPath) == ["Sources/App/a.swift", "pkg/__init__.py", "pkg/mod.py", "pkg/sub/x.py"])
    #expect(modules == ["App", "pkg", "pkg.mod", "x"])
}
