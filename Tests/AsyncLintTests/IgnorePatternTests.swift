import Testing
@testable import AsyncLint

/// One row of the `.gitignore` semantics table.
struct IgnoreCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var path: String
    var isDirectory = false
    var ignored: Bool
    var testDescription: String { "\(pattern) vs \(path)\(isDirectory ? "/" : "") → \(ignored)" }
}

let ignoreCases: [IgnoreCase] = [
    // A name without a slash matches at any depth, files and directories alike.
    IgnoreCase(pattern: "build", path: "build", isDirectory: true, ignored: true),
    IgnoreCase(pattern: "build", path: "src/build", isDirectory: true, ignored: true),
    IgnoreCase(pattern: "build", path: "src/build.py", ignored: false),
    IgnoreCase(pattern: "*.py", path: "a/b/c.py", ignored: true),
    IgnoreCase(pattern: "*.py", path: "a/b/c.pyi", ignored: false),
    // `*` and `?` never cross a slash.
    IgnoreCase(pattern: "a/*.py", path: "a/x.py", ignored: true),
    IgnoreCase(pattern: "a/*.py", path: "a/b/x.py", ignored: false),
    IgnoreCase(pattern: "a?c.py", path: "abc.py", ignored: true),
    IgnoreCase(pattern: "a?c.py", path: "ac.py", ignored: false),
    IgnoreCase(pattern: "a/?/c.py", path: "a/b/c.py", ignored: true),
    // Character classes, negated and ranged.
    IgnoreCase(pattern: "test_[abc].py", path: "test_b.py", ignored: true),
    IgnoreCase(pattern: "test_[abc].py", path: "test_d.py", ignored: false),
    IgnoreCase(pattern: "test_[!abc].py", path: "test_d.py", ignored: true),
    IgnoreCase(pattern: "test_[^abc].py", path: "test_a.py", ignored: false),
    IgnoreCase(pattern: "v[0-9].swift", path: "v7.swift", ignored: true),
    IgnoreCase(pattern: "v[0-9].swift", path: "vx.swift", ignored: false),
    IgnoreCase(pattern: "[]]x", path: "]x", ignored: true),
    IgnoreCase(pattern: "[unclosed", path: "[unclosed", ignored: true),
    // A leading slash, or a slash in the middle, anchors to the .gitignore's directory.
    IgnoreCase(pattern: "/gen", path: "gen", isDirectory: true, ignored: true),
    IgnoreCase(pattern: "/gen", path: "src/gen", isDirectory: true, ignored: false),
    IgnoreCase(pattern: "src/gen", path: "src/gen", isDirectory: true, ignored: true),
    IgnoreCase(pattern: "src/gen", path: "lib/src/gen", isDirectory: true, ignored: false),
    // A trailing slash: directories only.
    IgnoreCase(pattern: "out/", path: "out", isDirectory: true, ignored: true),
    IgnoreCase(pattern: "out/", path: "out", isDirectory: false, ignored: false),
    IgnoreCase(pattern: "out/", path: "deep/out", isDirectory: true, ignored: true),
    // `**` in its three places.
    IgnoreCase(pattern: "**/migrations", path: "migrations", isDirectory: true, ignored: true),
    IgnoreCase(pattern: "**/migrations", path: "app/db/migrations", isDirectory: true, ignored: true),
    IgnoreCase(pattern: "docs/**", path: "docs/a/b.py", ignored: true),
    IgnoreCase(pattern: "docs/**", path: "docs", isDirectory: true, ignored: false),
    IgnoreCase(pattern: "a/**/b.py", path: "a/b.py", ignored: true),
    IgnoreCase(pattern: "a/**/b.py", path: "a/x/y/b.py", ignored: true),
    IgnoreCase(pattern: "a/**/b.py", path: "ab.py", ignored: false),
    // Other runs of stars are single stars.
    IgnoreCase(pattern: "foo**bar", path: "fooXbar", ignored: true),
    IgnoreCase(pattern: "foo**bar", path: "foo/bar", ignored: false),
    // Escapes and comments.
    IgnoreCase(pattern: "\\#file.py", path: "#file.py", ignored: true),
    IgnoreCase(pattern: "\\!important.py", path: "!important.py", ignored: true),
    IgnoreCase(pattern: "x\\*.py", path: "x*.py", ignored: true),
    IgnoreCase(pattern: "x\\*.py", path: "xa.py", ignored: false),
    IgnoreCase(pattern: "trailing.py   ", path: "trailing.py", ignored: true),
    // Non-ASCII names: `?` is one character, not one byte.
    IgnoreCase(pattern: "caf?.py", path: "café.py", ignored: true),
]

@Test(arguments: ignoreCases)
func gitignorePatternSemantics(_ row: IgnoreCase) throws {
    let pattern = try #require(IgnorePattern(line: Substring(row.pattern)))
    #expect(pattern.matches(relativePath: row.path, isDirectory: row.isDirectory) == row.ignored)
}

@Test func blankLinesAndCommentsAreNotPatterns() {
    #expect(IgnorePattern(line: "") == nil)
    #expect(IgnorePattern(line: "   ") == nil)
    #expect(IgnorePattern(line: "# a comment") == nil)
    #expect(IgnorePattern(line: "/") == nil)
}

@Test func lastMatchingLineWinsAndNegationReincludes() {
    let file = IgnoreFile(baseDirectory: "/repo", contents: "*.py\n!keep.py\n# comment\n\n")
    #expect(file.verdict(absolutePath: "/repo/a.py", isDirectory: false) == true)
    #expect(file.verdict(absolutePath: "/repo/sub/keep.py", isDirectory: false) == false)
    #expect(file.verdict(absolutePath: "/repo/a.swift", isDirectory: false) == nil)
    #expect(file.verdict(absolutePath: "/elsewhere/a.py", isDirectory: false) == nil)
}

@Test func deeperIgnoreFilesOverrideOuterOnes() {
    let stack = IgnoreStack()
        .adding(IgnoreFile(baseDirectory: "/repo", contents: "*.swift\n"))
        .adding(IgnoreFile(baseDirectory: "/repo/app", contents: "!Main.swift\n/local.py\n"))
    #expect(stack.isIgnored(absolutePath: "/repo/x.swift", isDirectory: false))
    #expect(!stack.isIgnored(absolutePath: "/repo/app/Main.swift", isDirectory: false))
    #expect(stack.isIgnored(absolutePath: "/repo/app/Other.swift", isDirectory: false))
    #expect(stack.isIgnored(absolutePath: "/repo/app/local.py", isDirectory: false))
    #expect(!stack.isIgnored(absolutePath: "/repo/local.py", isDirectory: false))
    #expect(!stack.isIgnored(absolutePath: "/repo/app/sub/local.py", isDirectory: false))
}

@Test func starHeavyPatternsStayFast() {
    // Exponential backtracking would take ages on this; the memo keeps it instant.
    let glob = GlobPattern(String(repeating: "*a", count: 30) + "b")
    #expect(!glob.matches(String(repeating: "a", count: 200)))
}

@Test func excludeGlobsMatchNamesOrPathsFromTheWorkingDirectory() {
    let set = ExcludeSet(globs: ["*_pb2.py", "vendor", "src/gen/**"], workingDirectory: "/w")
    #expect(set.isExcluded(absolutePath: "/w/a/b_pb2.py", isDirectory: false))
    #expect(set.isExcluded(absolutePath: "/w/deep/vendor", isDirectory: true))
    #expect(set.isExcluded(absolutePath: "/w/src/gen/x.py", isDirectory: false))
    #expect(!set.isExcluded(absolutePath: "/w/src/x.py", isDirectory: false))
    #expect(!ExcludeSet(globs: [], workingDirectory: "/w").isExcluded(absolutePath: "/w/x.py", isDirectory: false))
    // `./vendor` (as a shell completes it) is `vendor` in the working directory, not at any depth.
    let dotted = ExcludeSet(globs: ["./vendor", ".//gen/*.py"], workingDirectory: "/w")
    #expect(dotted.isExcluded(absolutePath: "/w/vendor", isDirectory: true))
    #expect(!dotted.isExcluded(absolutePath: "/w/deep/vendor", isDirectory: true))
    #expect(dotted.isExcluded(absolutePath: "/w/gen/x.py", isDirectory: false))
}

@Test func pathArithmetic() {
    #expect(PathText.absolute("./a/../b//c.py", workingDirectory: "/w") == "/w/b/c.py")
    #expect(PathText.absolute("/x/./y", workingDirectory: "/w") == "/x/y")
    #expect(PathText.absolute("..", workingDirectory: "/") == "/")
    #expect(PathText.displayPath("/w/a/b.py", workingDirectory: "/w") == "a/b.py")
    #expect(PathText.displayPath("/w", workingDirectory: "/w") == ".")
    #expect(PathText.displayPath("/x/y.py", workingDirectory: "/w/v") == "../../x/y.py")
    #expect(PathText.displayPath("/w2/y.py", workingDirectory: "/w") == "../w2/y.py")
    #expect(PathText.displayPath("/", workingDirectory: "/w/v") == "../..")
    #expect(PathText.displayPath("/w/v", workingDirectory: "/w/v/x") == "..")
    #expect(PathText.displayPath("/a/b//c.py", workingDirectory: "/a/d/") == "../b/c.py")
    #expect(PathText.displayPath("/é/ü.py", workingDirectory: "/é/x") == "../ü.py")
    // Two spellings of `é` (precomposed, and `e` with a combining accent) are two directories.
    #expect(PathText.displayPath("/caf\u{E9}/a.py", workingDirectory: "/cafe\u{301}") == "../caf\u{E9}/a.py")
    #expect(PathText.relative("/w/a", below: "/w") == "a")
    #expect(PathText.relative("/wa/b", below: "/w") == nil)
    #expect(PathText.relative("/a", below: "/") == "a")
}

/// A plain name or a star and a suffix is matched on the bytes; the answer is the general
/// matcher's for every kind of text (slashes, non-ASCII, suffix longer than the text).
@Test func bytewiseGlobShapesAgreeWithTheGeneralMatcher() {
    let patterns = ["Package.resolved", "*.pyc", "*", "*é.py", "naïve", "\\*.py", "*/x", "*.py", "a[bc]", "**/x.py"]
    let texts = ["Package.resolved", "package.resolved", "a.pyc", ".pyc", "pyc", "a/b.pyc", "", "é.py", "aé.py",
                 "naïve", "naive", "*.py", "x.py", "a/x", "dir/sub/x.py", "ü/é.py"]
    for pattern in patterns {
        let glob = GlobPattern(pattern)
        for text in texts {
            #expect(glob.matches(text) == glob.matches(Array(text.unicodeScalars)), "\(pattern) vs \(text)")
        }
    }
    #expect(GlobPattern("*.pyc").shape == .starThenLiteral(Array(".pyc".utf8)))
    #expect(GlobPattern("Package.resolved").shape == .literal(Array("Package.resolved".utf8)))
    #expect(GlobPattern("*/x").shape == .starThenLiteral(Array("/x".utf8)))
    #expect(GlobPattern("a[bc]").shape == .general && GlobPattern("**/x").shape == .general)
}
