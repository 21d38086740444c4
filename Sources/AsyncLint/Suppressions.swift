import Analysis
import LightSyntax

/// Inline suppressions: a `# noqa` (Python) or `// noqa` (Swift) comment on the line where a
/// finding starts silences it. `noqa` alone silences every rule on that line; `noqa: CODES`
/// (comma- or space-separated) only those, each given as a code, a name or an alias, so the
/// `# noqa: ASYNC251` a team wrote for flake8-async or ruff keeps working.
///
/// Like flake8, the line is read as text: a `# noqa` inside a string literal counts too. That
/// errs on the side of silence, which is the side a suppression asks for.
struct Suppressions {
    /// What a `noqa` comment covers.
    enum Scope: Equatable {
        case allRules
        case rules([String])
    }

    let catalogue: RuleCatalogue

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

    /// Whether the comment on the finding's first line silences it.
    func silences(_ finding: Finding, lineText: String) -> Bool {
        guard let scope = Self.scope(onLine: lineText, language: finding.language) else { return false }
        switch scope {
        case .allRules:
            return true
        case .rules(let keys):
            let rule = catalogue.rule(code: finding.code)
            return keys.contains { key in
                let upper = key.uppercased()
                return upper == finding.code || key == finding.name
                    || rule?.aliases.contains(where: { $0 == key || $0 == upper }) == true
            }
        }
    }
}
