import Analysis
import LightSyntax

/// The `noqa` comment syntax: `# noqa` (Python) or `// noqa` (Swift) silences every rule on its
/// line; `noqa: CODES` (comma- or space-separated) only those, each given as a code, a name or
/// an alias, so the `# noqa: ASYNC251` a team wrote for flake8-async or ruff keeps working.
/// `FileSuppressions` (below) finds the comments; this reads what one says.
enum Suppressions {
    /// What a `noqa` comment covers.
    enum Scope: Equatable {
        case allRules
        case rules([String])
    }

    /// The `noqa` comment on a line, if any.
    static func scope(onLine line: String, language: SourceLanguage) -> Scope? {
        let marker: [Unicode.Scalar] = language == .python ? ["#"] : ["/", "/"]
        let text = Array(line.unicodeScalars)
        var i = 0
        while i + marker.count <= text.count {
            guard Array(text[i..<i + marker.count]) == marker else {
                i += 1
                continue
            }
            var j = i + marker.count
            while j < text.count && (text[j] == " " || text[j] == "\t") { j += 1 }
            if let scope = noqa(text, from: j) { return scope }
            i += 1
        }
        return nil
    }

    /// `noqa` (any case) at `start`, then optionally `: CODE, CODE`.
    private static func noqa(_ text: [Unicode.Scalar], from start: Int) -> Scope? {
        let word = "noqa".unicodeScalars.map { $0 }
        guard start + word.count <= text.count,
              zip(text[start..<start + word.count], word).allSatisfy({ Self.lowercased($0.0) == $0.1 }) else { return nil }
        var i = start + word.count
        if i < text.count && isCodeCharacter(text[i]) { return nil }   // `noqaX` is not a marker
        guard i < text.count && text[i] == ":" else { return .allRules }
        i += 1
        var codes: [String] = []
        var current = String.UnicodeScalarView()
        while i < text.count {
            let c = text[i]
            if isCodeCharacter(c) {
                // A code starts with a letter; anything else ends the list (`# noqa: AL101 -- why`).
                if current.isEmpty && !isLetter(c) { break }
                current.append(c)
            } else if c == "," || c == " " || c == "\t" {
                if !current.isEmpty { codes.append(String(current)); current = String.UnicodeScalarView() }
            } else {
                break
            }
            i += 1
        }
        if !current.isEmpty { codes.append(String(current)) }
        // `# noqa:` with nothing after it is a blanket noqa, as in flake8.
        return codes.isEmpty ? .allRules : .rules(codes)
    }

    private static func isCodeCharacter(_ c: Unicode.Scalar) -> Bool {
        (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "A" && c <= "Z") || (c >= "a" && c <= "z")
    }

    private static func lowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c >= "A" && c <= "Z" ? Unicode.Scalar(c.value + 32)! : c
    }
}

// MARK: - Comment directives of a whole file

/// One suppression comment and the lines it covers.
struct SuppressionDirective: Sendable, Equatable {
    /// The comment's line.
    var line: Int
    /// The lines it silences (`line...line` for a same-line comment; to the `enable` or the end
    /// of the file for a `disable` region).
    var lines: ClosedRange<Int>
    /// Codes, names or aliases; nil for every rule.
    var keys: [String]?
    /// The comment as written, for `--report-unused-suppressions`.
    var text: String
}

/// The suppression comments of one file, found by one pass over its bytes that skips string
/// literals, so a `"# noqa"` in a string is not a comment.
///
/// Python: `# noqa`, `# noqa: CODES`, `# asynclint: ignore`, `# asynclint: ignore[CODES]`
/// (the comment's line) and `# asynclint: skip-file`. Swift: `// asynclint:disable:this CODES`,
/// `// asynclint:disable:next CODES` (the next line), `// asynclint:disable CODES` …
/// `// asynclint:enable CODES` (a region; to the end of the file when never enabled),
/// `// noqa` and `// asynclint: skip-file`. CODES are comma- or space-separated codes, names or
/// aliases; none means every rule.
struct FileSuppressions: Sendable {
    var skipFile = false
    var directives: [SuppressionDirective] = []
    /// Parallel to `directives`: whether each silenced a finding.
    private(set) var used: [Bool] = []

    init() {}

    /// `catalogue` turns names and aliases into codes, so `disable blocking-sleep` is closed
    /// by `enable AL101`.
    init(source bytes: [UInt8], language: SourceLanguage, catalogue: RuleCatalogue? = nil) {
        // The common case, a file without any directive, costs one search per marker word.
        guard Self.contains(bytes, "noqa") || Self.contains(bytes, "asynclint") else { return }
        let comments = language == .python ? CommentScanner.pythonComments(bytes) : CommentScanner.swiftComments(bytes)
        var openRegions: [(line: Int, keys: [String]?, text: String)] = []
        let lastLine = max(1, bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) })
        for comment in comments {
            let text = comment.text
            if let scope = Suppressions.scope(onLine: text, language: language) {
                directives.append(.init(line: comment.line, lines: comment.line...comment.line, keys: scope.keys, text: text))
            }
            guard let directive = Self.asynclintDirective(text) else { continue }
            switch (language, directive.verb) {
            case (_, "skip-file"):
                skipFile = true
            case (.python, "ignore"):
                directives.append(.init(line: comment.line, lines: comment.line...comment.line, keys: directive.keys, text: text))
            case (.swift, "disable:this"):
                directives.append(.init(line: comment.line, lines: comment.line...comment.line, keys: directive.keys, text: text))
            case (.swift, "disable:next"):
                directives.append(.init(line: comment.line, lines: comment.line + 1...comment.line + 1, keys: directive.keys, text: text))
            case (.swift, "disable"):
                openRegions.append((comment.line, directive.keys, text))
            case (.swift, "enable"):
                // `enable X` closes the open regions that name X; a bare `enable` closes them all.
                var remaining: [(line: Int, keys: [String]?, text: String)] = []
                for region in openRegions {
                    let closes = directive.keys == nil
                        || region.keys.map { Self.codes($0, catalogue).isSubset(of: Self.codes(directive.keys!, catalogue)) } ?? false
                    if closes {
                        directives.append(.init(line: region.line, lines: region.line...max(region.line, comment.line),
                                                keys: region.keys, text: region.text))
                    } else {
                        remaining.append(region)
                    }
                }
                openRegions = remaining
            default:
                continue
            }
        }
        for region in openRegions {
            directives.append(.init(line: region.line, lines: region.line...max(region.line, lastLine), keys: region.keys, text: region.text))
        }
        used = Array(repeating: false, count: directives.count)
    }

    static func codes(_ keys: [String], _ catalogue: RuleCatalogue?) -> Set<String> {
        Set(keys.map { key in catalogue?.rule(matching: key)?.code ?? catalogue?.rule(matching: key.uppercased())?.code ?? key.uppercased() })
    }

    /// `asynclint: VERB` or `asynclint:VERB` with optional `[CODES]` or `CODES` after it.
    static func asynclintDirective(_ comment: String) -> (verb: String, keys: [String]?)? {
        guard let marker = comment.range(of: "asynclint:") else { return nil }
        var rest = comment[marker.upperBound...].drop { $0 == " " || $0 == "\t" }
        let verbEnd = rest.firstIndex { !($0.isLetter || $0 == ":" || $0 == "-") } ?? rest.endIndex
        let verb = String(rest[..<verbEnd]).lowercased()
        guard ["skip-file", "ignore", "disable", "disable:next", "disable:this", "enable"].contains(verb) else { return nil }
        rest = rest[verbEnd...]
        var list = rest.drop { $0 == " " || $0 == "\t" }
        if list.first == "[" {
            list = list.dropFirst()
            list = list[..<(list.firstIndex(of: "]") ?? list.endIndex)]
        } else {
            // Codes run until something that cannot be in one (`-- why`, a `#`).
            let end = list.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "," || $0 == " ") } ?? list.endIndex
            list = list[..<end]
        }
        let keys = list.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
            .map(String.init).filter { $0.first?.isLetter == true }
        return (verb, keys.isEmpty ? nil : keys)
    }

    static func contains(_ bytes: [UInt8], _ word: String) -> Bool {
        let needle = Array(word.utf8)
        guard bytes.count >= needle.count, let first = needle.first else { return false }
        var i = 0
        let limit = bytes.count - needle.count
        while i <= limit {
            if bytes[i] == first || bytes[i] == first - 32 {
                var j = 1
                while j < needle.count && (bytes[i + j] | 0x20) == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether a directive covers the finding; the first one that does is marked used.
    mutating func silences(_ finding: Finding, catalogue: RuleCatalogue) -> Bool {
        let line = finding.range.start.line
        for (index, directive) in directives.enumerated() where directive.lines.contains(line) {
            if let keys = directive.keys, !Suppressions.matches(keys, finding: finding, catalogue: catalogue) { continue }
            used[index] = true
            return true
        }
        return false
    }

    /// The directives that silenced nothing, in line order.
    var unused: [SuppressionDirective] {
        zip(directives, used).filter { !$0.1 }.map(\.0).sorted { $0.line < $1.line }
    }
}

extension Suppressions.Scope {
    var keys: [String]? {
        if case .rules(let keys) = self { return keys }
        return nil
    }
}

extension Suppressions {
    /// Whether one of `keys` (codes, names, aliases, in any case) names the finding's rule.
    static func matches(_ keys: [String], finding: Finding, catalogue: RuleCatalogue) -> Bool {
        let rule = catalogue.rule(code: finding.code)
        return keys.contains { key in
            let upper = key.uppercased()
            return upper == finding.code || key == finding.name
                || rule?.aliases.contains(where: { $0 == key || $0 == upper }) == true
        }
    }
}

/// Finds comments with their line numbers by skipping over string literals; no tokens, no
/// tree. Good enough for directives: an unusual literal (a nested f-string quote, a Swift
/// interpolation holding a quote) can only make a comment be missed inside that literal's line.
enum CommentScanner {
    struct Comment: Equatable {
        var line: Int
        var text: String
    }

    static func pythonComments(_ b: [UInt8]) -> [Comment] {
        var comments: [Comment] = []
        var i = 0
        var line = 1
        let n = b.count
        while i < n {
            let c = b[i]
            switch c {
            case 10:
                line += 1
                i += 1
            case UInt8(ascii: "#"):
                let start = i
                while i < n && b[i] != 10 && b[i] != 13 { i += 1 }
                comments.append(Comment(line: line, text: String(decoding: b[start..<i], as: UTF8.self)))
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let triple = i + 2 < n && b[i + 1] == c && b[i + 2] == c
                i += triple ? 3 : 1
                while i < n {
                    if b[i] == UInt8(ascii: "\\") {
                        if i + 1 < n && b[i + 1] == 10 { line += 1 }
                        i += 2
                        continue
                    }
                    if b[i] == 10 {
                        line += 1
                        if !triple { i += 1; break }   // an unclosed one-line string ends at the line break
                    }
                    if b[i] == c && (!triple || (i + 2 < n && b[i + 1] == c && b[i + 2] == c)) {
                        i += triple ? 3 : 1
                        break
                    }
                    i += 1
                }
            default:
                i += 1
            }
        }
        return comments
    }

    static func swiftComments(_ b: [UInt8]) -> [Comment] {
        var comments: [Comment] = []
        var i = 0
        var line = 1
        let n = b.count
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        while i < n {
            let c = b[i]
            if c == 10 {
                line += 1
                i += 1
            } else if c == slash && i + 1 < n && b[i + 1] == slash {
                let start = i
                while i < n && b[i] != 10 && b[i] != 13 { i += 1 }
                comments.append(Comment(line: line, text: String(decoding: b[start..<i], as: UTF8.self)))
            } else if c == slash && i + 1 < n && b[i + 1] == star {
                // Block comments nest in Swift; each of their lines may hold a directive.
                var depth = 1
                var lineStart = i
                i += 2
                while i < n && depth > 0 {
                    if b[i] == slash && i + 1 < n && b[i + 1] == star { depth += 1; i += 2; continue }
                    if b[i] == star && i + 1 < n && b[i + 1] == slash { depth -= 1; i += 2; continue }
                    if b[i] == 10 {
                        comments.append(Comment(line: line, text: String(decoding: b[lineStart..<i], as: UTF8.self)))
                        line += 1
                        lineStart = i + 1
                    }
                    i += 1
                }
                comments.append(Comment(line: line, text: String(decoding: b[lineStart..<min(i, n)], as: UTF8.self)))
            } else if c == quote || (c == hash && i + 1 < n && (b[i + 1] == quote || b[i + 1] == hash)) {
                var hashes = 0
                while i < n && b[i] == hash { hashes += 1; i += 1 }
                guard i < n && b[i] == quote else { continue }
                let multiline = i + 2 < n && b[i + 1] == quote && b[i + 2] == quote
                i += multiline ? 3 : 1
                while i < n {
                    if b[i] == UInt8(ascii: "\\") && hashes == 0 {
                        if i + 1 < n && b[i + 1] == 10 { line += 1 }
                        i += 2
                        continue
                    }
                    if b[i] == 10 {
                        line += 1
                        if !multiline { i += 1; break }
                    }
                    if b[i] == quote && (!multiline || (i + 2 < n && b[i + 1] == quote && b[i + 2] == quote)) {
                        var j = i + (multiline ? 3 : 1)
                        var closing = 0
                        while closing < hashes && j < n && b[j] == hash { closing += 1; j += 1 }
                        if closing == hashes { i = j; break }
                    }
                    i += 1
                }
            } else {
                i += 1
            }
        }
        return comments
    }
}
