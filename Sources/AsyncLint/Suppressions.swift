#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Analysis
import Reporting
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

    /// The file-wide exemption ruff reads in a Python file: `# ruff: noqa`, `# ruff: noqa: CODES`,
    /// and flake8's `# flake8: noqa` (which ruff takes for `# ruff: noqa`), with codes too.
    static func fileExemption(inComment line: String, language: SourceLanguage) -> Scope? {
        guard language == .python else { return nil }
        let text = Array(line.unicodeScalars)
        var i = 0
        while i < text.count && text[i] != "#" { i += 1 }
        while i < text.count {
            i += 1
            while i < text.count && (text[i] == " " || text[i] == "\t") { i += 1 }
            for tool in ["ruff:", "flake8:"] {
                let word = Array(tool.unicodeScalars)
                guard i + word.count <= text.count,
                      zip(text[i..<i + word.count], word).allSatisfy({ Self.lowercased($0.0) == $0.1 }) else { continue }
                var j = i + word.count
                while j < text.count && (text[j] == " " || text[j] == "\t") { j += 1 }
                if let scope = noqa(text, from: j) { return scope }
            }
            while i < text.count && text[i] != "#" { i += 1 }
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
    /// The comment's column.
    var column: Int = 1
    /// Whether `--report-unused-suppressions` may list it: an `asynclint:` comment, or a `noqa`
    /// naming one of asynclint's codes or names. A bare `noqa`, or one naming only other tools'
    /// codes (`E501`, or an alias such as `ASYNC251` that flake8-async reads too), may be in use
    /// by those tools, which asynclint cannot know (ruff's RUF100 leaves external codes alone too).
    var isOwn = true
}

/// The suppression comments of one file, found by one pass over its bytes that skips string
/// literals, so a `"# noqa"` in a string is not a comment.
///
/// Python: `# noqa`, `# noqa: CODES`, `# asynclint: ignore`, `# asynclint: ignore[CODES]`
/// (the comment's line) and `# asynclint: skip-file`. Swift: the same `ignore`, `// asynclint:disable:this CODES`,
/// `// asynclint:disable:next CODES` (the next line), `// asynclint:disable CODES` …
/// `// asynclint:enable CODES` (a region; to the end of the file when never enabled),
/// `// noqa` and `// asynclint: skip-file`. CODES are comma- or space-separated codes, names or
/// aliases; none means every rule.
struct FileSuppressions: Sendable {
    var skipFile = false
    var directives: [SuppressionDirective] = []
    /// Comments meant for asynclint that it cannot read: an `asynclint:` directive it does not
    /// know (`disable-next`), or a rule no catalogue entry has (`AL1O1`), in line order.
    private(set) var invalid: [InvalidSuppression] = []
    /// Parallel to `directives`: whether each silenced a finding.
    private(set) var used: [Bool] = []

    init() {}

    /// `catalogue` turns names and aliases into codes, so `disable blocking-sleep` is closed
    /// by `enable AL101` (required: the project index's second reading of a file once went
    /// without it, and its regions then ran to the end of the file).
    init(source bytes: [UInt8], language: SourceLanguage, catalogue: RuleCatalogue) {
        // The common case, a file without any directive, costs one word-at-a-time pass over
        // its bytes; only a file that has a marker somewhere has its comments looked at, and
        // only comments that hold a marker become Strings (the rest cannot say anything).
        guard SuppressionMarkers.mayHoldDirective(bytes) else { return }
        let comments = language == .python
            ? CommentScanner.pythonComments(bytes, keeping: SuppressionMarkers.mayHoldDirective)
            : CommentScanner.swiftComments(bytes, keeping: SuppressionMarkers.mayHoldDirective)
        var openRegions: [(line: Int, keys: [String]?, text: String, column: Int)] = []
        lazy var lastLine = max(1, bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) })
        for comment in comments {
            let text = comment.text
            // A `noqa` may name other tools' codes (`E501`): only one written as asynclint's
            // (`AL` and a digit) is ours to call unknown.
            func noteUnknownRules(_ keys: [String]?, ownOnly: Bool) -> Bool {
                let unknown = Self.unknownRules(keys, catalogue, ownOnly: ownOnly)
                for key in unknown {
                    invalid.append(InvalidSuppression(line: comment.line, column: comment.column, text: text,
                                                      problem: "unknown rule `\(key)`"))
                }
                // Every key unknown: the comment silences nothing, and this says why.
                return !unknown.isEmpty && unknown.count == keys?.count
            }
            if let scope = Suppressions.fileExemption(inComment: text, language: language) {
                // As ruff reads it: after code, a file-wide directive is a mistake that silences
                // nothing (ruff warns), not the whole file quietly.
                guard comment.isOwnLine else {
                    invalid.append(InvalidSuppression(line: comment.line, column: comment.column, text: text,
                                                      problem: "a file-wide `ruff: noqa` or `flake8: noqa` must be on a line of its own; "
                                                          + "after code it silences nothing (use `# noqa: CODES` for this line)"))
                    continue
                }
                let allUnknown = noteUnknownRules(scope.keys, ownOnly: true)
                directives.append(.init(line: comment.line, lines: 1...lastLine, keys: scope.keys, text: text,
                                        column: comment.column, isOwn: !allUnknown && Self.namesOwnRule(scope.keys, catalogue)))
                continue
            }
            if let scope = Suppressions.scope(onLine: text, language: language) {
                let allUnknown = noteUnknownRules(scope.keys, ownOnly: true)
                directives.append(.init(line: comment.line, lines: comment.line...comment.line, keys: scope.keys, text: text,
                                        column: comment.column, isOwn: !allUnknown && Self.namesOwnRule(scope.keys, catalogue)))
            }
            guard let directive = Self.asynclintDirective(text) else {
                if let problem = Self.malformedDirective(text, language: language) {
                    invalid.append(InvalidSuppression(line: comment.line, column: comment.column, text: text, problem: problem))
                }
                continue
            }
            // (`skip-file` takes no codes: what follows is prose, `-- vendored`.)
            if directive.verb != "skip-file", noteUnknownRules(directive.keys, ownOnly: false) { continue }
            if !Self.verbs(for: language).contains(directive.verb) {
                invalid.append(InvalidSuppression(line: comment.line, column: comment.column, text: text,
                                                  problem: "`asynclint:\(directive.verb)` is a directive of Swift files only"))
                continue
            }
            switch (language, directive.verb) {
            case (_, "skip-file"):
                skipFile = true
            case (_, "ignore"):
                // Swift too: the Python form, written in a Swift file, silences its line rather
                // than nothing.
                directives.append(.init(line: comment.line, lines: comment.line...comment.line, keys: directive.keys, text: text,
                                        column: comment.column))
            case (.swift, "disable:this"):
                directives.append(.init(line: comment.line, lines: comment.line...comment.line, keys: directive.keys, text: text,
                                        column: comment.column))
            case (.swift, "disable:next"):
                directives.append(.init(line: comment.line, lines: comment.line + 1...comment.line + 1, keys: directive.keys, text: text,
                                        column: comment.column))
            case (.swift, "disable"):
                openRegions.append((comment.line, directive.keys, text, comment.column))
            case (.swift, "enable"):
                // `enable X` closes the open regions that name X; a bare `enable` closes them all.
                var remaining: [(line: Int, keys: [String]?, text: String, column: Int)] = []
                for region in openRegions {
                    let closes = directive.keys == nil
                        || region.keys.map { Self.codes($0, catalogue).isSubset(of: Self.codes(directive.keys!, catalogue)) } ?? false
                    if closes {
                        directives.append(.init(line: region.line, lines: region.line...max(region.line, comment.line),
                                                keys: region.keys, text: region.text, column: region.column))
                    } else {
                        remaining.append(region)
                    }
                }
                openRegions = remaining
            default:
                continue
            }
        }
        if !openRegions.isEmpty {
            for region in openRegions {
                directives.append(.init(line: region.line, lines: region.line...max(region.line, lastLine), keys: region.keys,
                                        text: region.text, column: region.column))
            }
        }
        used = Array(repeating: false, count: directives.count)
    }

    /// Whether a `noqa` names one of asynclint's codes or names (and so is ours to call unused).
    static func namesOwnRule(_ keys: [String]?, _ catalogue: RuleCatalogue) -> Bool {
        keys?.contains { key in
            catalogue.rule(code: key.uppercased()) != nil || catalogue.rules.contains { $0.name == key }
        } ?? false
    }

    /// The keys that name no rule (by code, name or alias, in any case). With `ownOnly`, only
    /// keys written as asynclint's codes are weighed (`AL` and a digit: `AL1O1`), as a `noqa`
    /// may name any tool's (`E501`, `RUF012`).
    static func unknownRules(_ keys: [String]?, _ catalogue: RuleCatalogue, ownOnly: Bool) -> [String] {
        guard let keys else { return [] }
        return keys.filter { key in
            if ownOnly {
                let bytes = Array(key.utf8)
                guard bytes.count > 2, bytes[0] | 0x20 == UInt8(ascii: "a"), bytes[1] | 0x20 == UInt8(ascii: "l"),
                      bytes[2] >= UInt8(ascii: "0"), bytes[2] <= UInt8(ascii: "9") else { return false }
            }
            return catalogue.rule(matching: key) == nil && catalogue.rule(matching: key.uppercased()) == nil
        }
    }

    /// The `asynclint:` verbs a file of this language reads.
    static func verbs(for language: SourceLanguage) -> Set<String> {
        language == .swift ? ["skip-file", "ignore", "disable", "disable:next", "disable:this", "enable"]
            : ["skip-file", "ignore"]
    }

    /// What is wrong with a comment that starts as an asynclint directive (`// asynclint:` after
    /// the comment's marker) but is none `asynclintDirective` reads: `disable-next`,
    /// `disable:next:`. nil for any other comment (prose that mentions asynclint somewhere).
    static func malformedDirective(_ comment: String, language: SourceLanguage) -> String? {
        let body = comment.drop { $0 == "/" || $0 == "#" || $0 == "*" || $0 == " " || $0 == "\t" }
        guard body.hasPrefix("asynclint") else { return nil }
        let afterName = body.dropFirst("asynclint".count).drop { $0 == " " || $0 == "\t" }
        guard afterName.first == ":" else { return nil }
        let rest = afterName.dropFirst().drop { $0 == " " || $0 == "\t" }
        let written = String(rest.prefix { !($0 == " " || $0 == "\t" || $0 == "[" || $0 == ",") })
        let verbs = verbs(for: language)
        // `disable-next`, `disable:next:`, `Disable:Next`: the directive meant.
        var meant = written.lowercased().replacingOccurrences(of: "-", with: ":")
        while meant.hasSuffix(":") { meant.removeLast() }
        if meant == "skip:file" { meant = "skip-file" }
        let known = verbs.sorted().map { "`\($0)`" }.joined(separator: ", ")
        if verbs.contains(meant) && meant != written {
            return "unknown directive `asynclint:\(written)`; did you mean `asynclint:\(meant)`?"
        }
        return "unknown directive `asynclint:\(written)` (known: \(known))"
    }

    static func codes(_ keys: [String], _ catalogue: RuleCatalogue) -> Set<String> {
        Set(keys.map { key in catalogue.rule(matching: key)?.code ?? catalogue.rule(matching: key.uppercased())?.code ?? key.uppercased() })
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
        zip(directives, used).filter { !$0.1 && $0.0.isOwn }.map(\.0).sorted { $0.line < $1.line }
    }
}

/// A comment meant for asynclint that it cannot read (see `FileSuppressions.invalid`).
struct InvalidSuppression: Sendable, Equatable {
    var line: Int
    var column: Int
    var text: String
    /// What is wrong (`unknown rule `AL1O1``).
    var problem: String
}

/// A suppression comment that silenced nothing in pass 1. Whether it is reported waits for the
/// project index, whose findings (AL110, cross-file AL202) come later and may be what it
/// silences (`Linter.run`).
struct UnusedSuppression: Sendable {
    var place: SuppressionPlace
    var column: Int
    /// The codes it names; nil for every rule.
    var codes: Set<String>?
    /// Set for a comment asynclint cannot read (`InvalidSuppression`): listed whatever the
    /// project index finds, and noted on standard error even without the option.
    var problem: String?

    init(path: String, directive: SuppressionDirective, catalogue: RuleCatalogue) {
        place = SuppressionPlace(path: path, line: directive.line, text: directive.text)
        column = directive.column
        codes = directive.keys.map { FileSuppressions.codes($0, catalogue) }
    }

    init(path: String, invalid: InvalidSuppression) {
        place = SuppressionPlace(path: path, line: invalid.line, text: invalid.text)
        column = invalid.column
        problem = invalid.problem
    }

    var note: UnusedSuppressionNote {
        UnusedSuppressionNote(path: place.path, line: place.line, column: column, text: place.text, problem: problem)
    }

    /// The line on standard error for a comment asynclint cannot read.
    var fileNote: FileNote? {
        problem == nil ? nil : FileNote(path: place.path, message: "\(place.line):\(column): \(note.description)")
    }
}

/// A suppression comment by file, line and text: the same comment in pass 1 and in the project
/// index's second reading of the file.
struct SuppressionPlace: Sendable, Hashable {
    var path: String
    var line: Int
    var text: String
}

extension FileSuppressions {
    /// The comments that silenced a finding so far.
    func usedPlaces(path: String) -> [SuppressionPlace] {
        zip(directives, used).filter(\.1).map { SuppressionPlace(path: path, line: $0.0.line, text: $0.0.text) }
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
        /// Where the comment (or, in a block comment, its line) starts, in Unicode scalars.
        var column: Int = 1
        /// Only blanks precede it on its line (a file-wide `# ruff: noqa` must be so).
        var isOwnLine: Bool = true
    }

    static func pythonComments(_ bytes: [UInt8]) -> [Comment] {
        pythonComments(bytes, keeping: { _ in true })
    }

    static func swiftComments(_ bytes: [UInt8]) -> [Comment] {
        swiftComments(bytes, keeping: { _ in true })
    }

    /// The comments whose bytes `keeping` accepts: only those become Strings.
    static func pythonComments(_ bytes: [UInt8], keeping: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Comment] {
        bytes.withUnsafeBufferPointer { pythonComments($0, keeping: keeping) }
    }

    static func swiftComments(_ bytes: [UInt8], keeping: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Comment] {
        bytes.withUnsafeBufferPointer { swiftComments($0, keeping: keeping) }
    }

    private static func comment(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, line: Int,
                                keeping: (UnsafeBufferPointer<UInt8>) -> Bool) -> Comment? {
        let text = UnsafeBufferPointer(rebasing: b[range])
        guard keeping(text) else { return nil }
        // The column, counted back to the line's start (only for the few comments kept).
        var column = 1
        var isOwnLine = true
        var k = range.lowerBound
        while k > 0 && b[k - 1] != 10 {
            k -= 1
            if b[k] & 0xC0 != 0x80 { column += 1 }
            if b[k] != UInt8(ascii: " ") && b[k] != UInt8(ascii: "\t") && b[k] != 12 { isOwnLine = false }
        }
        // A byte-order mark opening the file is no code before the comment.
        if !isOwnLine && k == 0 && range.lowerBound >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
            isOwnLine = (3..<range.lowerBound).allSatisfy { b[$0] == UInt8(ascii: " ") || b[$0] == UInt8(ascii: "\t") }
        }
        return Comment(line: line, text: String(decoding: text, as: UTF8.self), column: column, isOwnLine: isOwnLine)
    }

    private static func pythonComments(_ b: UnsafeBufferPointer<UInt8>, keeping: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Comment] {
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
                if let found = comment(b, start..<i, line: line, keeping: keeping) { comments.append(found) }
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

    private static func swiftComments(_ b: UnsafeBufferPointer<UInt8>, keeping: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Comment] {
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
                if let found = comment(b, start..<i, line: line, keeping: keeping) { comments.append(found) }
            } else if c == slash && i + 1 < n && b[i + 1] == star {
                // Block comments nest in Swift; each of their lines may hold a directive.
                var depth = 1
                var lineStart = i
                i += 2
                while i < n && depth > 0 {
                    if b[i] == slash && i + 1 < n && b[i + 1] == star { depth += 1; i += 2; continue }
                    if b[i] == star && i + 1 < n && b[i + 1] == slash { depth -= 1; i += 2; continue }
                    if b[i] == 10 {
                        if let found = comment(b, lineStart..<i, line: line, keeping: keeping) { comments.append(found) }
                        line += 1
                        lineStart = i + 1
                    }
                    i += 1
                }
                if let found = comment(b, lineStart..<min(i, n), line: line, keeping: keeping) { comments.append(found) }
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

/// The words a suppression comment must hold: `noqa` in any case (`Suppressions.scope` compares
/// it lowercased) or `asynclint` as written (`asynclintDirective` looks for `asynclint:`). A
/// file or comment without either cannot suppress anything, so the scan stops there.
enum SuppressionMarkers {
    /// Whether the file may hold `asynclint: skip-file`: the directive needs the bytes
    /// `asynclint:` (as `FileSuppressions.asynclintDirective` reads it). `memchr` jumps from one
    /// `y` to the next, as in `mayHoldDirective`. A file that is not parsed needs its
    /// suppressions for nothing else.
    static func mayHoldSkipFile(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            let start = UnsafeRawPointer(base)
            var from = 0
            while from < b.count, let hit = memchr(start + from, Int32(UInt8(ascii: "y")), b.count - from) {
                let k = start.distance(to: UnsafeRawPointer(hit))
                // `asynclint` ends at k + 6; its colon follows.
                if markerRarestByte(b, at: k) && k + 7 < b.count && b[k + 7] == UInt8(ascii: ":") { return true }
                from = k + 1
            }
            return false
        }
    }

    /// A whole file: `memchr` (vectorised by libc) jumps from one `q`, `Q` or `y` to the next,
    /// bytes that are rare in code, and only those are looked at closely. This runs over every
    /// byte of every file checked.
    static func mayHoldDirective(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            let start = UnsafeRawPointer(base)
            for rare in [UInt8(ascii: "q"), UInt8(ascii: "Q"), UInt8(ascii: "y")] {
                var from = 0
                while from < b.count, let hit = memchr(start + from, Int32(rare), b.count - from) {
                    let k = start.distance(to: UnsafeRawPointer(hit))
                    if markerRarestByte(b, at: k) { return true }
                    from = k + 1
                }
            }
            return false
        }
    }

    /// A comment (or any short run of bytes): sixteen bytes at a time, looking closely only at
    /// bytes flagged as a possible `q` (noqa, either case) or `y` (asynclint).
    static func mayHoldDirective(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        if let base = b.baseAddress.map(UnsafeRawPointer.init) {
            while i + 16 <= n {
                let first = rareByteFlags(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let second = rareByteFlags(base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                if first | second != 0 {
                    if flaggedMarker(b, flags: first, wordStart: i) || flaggedMarker(b, flags: second, wordStart: i + 8) {
                        return true
                    }
                }
                i += 16
            }
        }
        while i < n {
            if markerRarestByte(b, at: i) { return true }
            i += 1
        }
        return false
    }

    /// The top bit of each byte of `raw` that may be a `q`, `Q`, `y` or `Y` (a zero byte of
    /// `x` sets the top bit of its byte in `(x - 1) & ~x`; a byte above a zero may be flagged
    /// too, which only costs a look).
    @inline(__always)
    private static func rareByteFlags(_ raw: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lowered = UInt64(littleEndian: raw) | (ones &* 0x20)
        let noQ = lowered ^ (ones &* UInt64(UInt8(ascii: "q")))
        let noY = lowered ^ (ones &* UInt64(UInt8(ascii: "y")))
        return (((noQ &- ones) & ~noQ) | ((noY &- ones) & ~noY)) & (ones &* 0x80)
    }

    @inline(__always)
    private static func flaggedMarker(_ b: UnsafeBufferPointer<UInt8>, flags: UInt64, wordStart: Int) -> Bool {
        var flags = flags
        while flags != 0 {
            if markerRarestByte(b, at: wordStart + flags.trailingZeroBitCount / 8) { return true }
            flags &= flags &- 1
        }
        return false
    }

    /// Whether `noqa` (any case) has its `q`, or `asynclint` its `y`, at `k`.
    @inline(__always)
    private static func markerRarestByte(_ b: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        let c = b[k]
        if c | 0x20 == UInt8(ascii: "q") {
            return k >= 2 && k + 1 < b.count && b[k - 2] | 0x20 == UInt8(ascii: "n")
                && b[k - 1] | 0x20 == UInt8(ascii: "o") && b[k + 1] | 0x20 == UInt8(ascii: "a")
        }
        if c == UInt8(ascii: "y") {
            guard k >= 2 && k + 7 <= b.count else { return false }
            var j = 0
            for expected in "asynclint".utf8 {
                if b[k - 2 + j] != expected { return false }
                j += 1
            }
            return true
        }
        return false
    }
}
