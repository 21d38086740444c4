/// A glob in the dialect of `.gitignore`: `*` and `?` never match `/`, `[...]` is a character
/// class (`!` or `^` negates it, `a-z` is a range), `**` between slashes matches any number of
/// directories, and a backslash escapes the next character.
///
/// Matching runs over Unicode scalars with a memo of (pattern position, text position), so a
/// pattern full of stars stays linear in practice instead of backtracking exponentially.
struct GlobPattern: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        /// `?`: one scalar other than `/`.
        case anyScalar
        /// `*`: any run of scalars without `/`.
        case star
        /// A trailing `/**`'s stars: anything at all, slashes included.
        case anything
        /// A leading `**/` or an inner `/**/`'s `**/`: zero or more whole directories (`(.*/)?`).
        case directories
        case characterClass(ranges: [ClosedRange<UInt32>], negated: Bool)
    }

    /// The common `.gitignore` lines need no matcher: a name (`Package.resolved`) or a star
    /// and a suffix (`*.pyc`) are compared on the UTF-8 bytes, with no array of scalars and no
    /// memo per path (discovery asks every pattern in force about every source file).
    enum Shape: Sendable, Hashable {
        case literal([UInt8])
        case starThenLiteral([UInt8])
        case general
    }

    let tokens: [Token]
    let shape: Shape

    init(_ pattern: String) {
        tokens = Self.compile(Array(pattern.unicodeScalars))
        shape = Self.shape(of: tokens)
    }

    private static func shape(of tokens: [Token]) -> Shape {
        let literalStart = tokens.first == .star ? 1 : 0
        var text = String.UnicodeScalarView()
        for token in tokens[literalStart...] {
            guard case .literal(let scalar) = token else { return .general }
            text.append(scalar)
        }
        let bytes = Array(String(text).utf8)
        return literalStart == 1 ? .starThenLiteral(bytes) : .literal(bytes)
    }

    private static func compile(_ p: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < p.count {
            let c = p[i]
            switch c {
            case "\\":
                if i + 1 < p.count {
                    tokens.append(.literal(p[i + 1]))
                    i += 2
                } else {
                    tokens.append(.literal(c))
                    i += 1
                }
            case "?":
                tokens.append(.anyScalar)
                i += 1
            case "*":
                var end = i
                while end < p.count && p[end] == "*" { end += 1 }
                let isDouble = end - i >= 2
                let startsSegment = i == 0 || p[i - 1] == "/"
                let endsSegment = end == p.count || p[end] == "/"
                if isDouble && startsSegment && endsSegment {
                    if end == p.count {
                        // `dir/**` (or a lone `**`): everything below.
                        tokens.append(.anything)
                        i = end
                    } else {
                        // `**/x` or `a/**/x`: the slash after the stars belongs to the token.
                        tokens.append(.directories)
                        i = end + 1
                    }
                } else {
                    // Git treats other runs of stars like a single one.
                    tokens.append(.star)
                    i = end
                }
            case "[":
                if let (token, next) = compileClass(p, from: i) {
                    tokens.append(token)
                    i = next
                } else {
                    tokens.append(.literal(c))
                    i += 1
                }
            default:
                tokens.append(.literal(c))
                i += 1
            }
        }
        return tokens
    }

    /// Parses `[...]` starting at `start`; nil when the bracket is never closed (then it is literal).
    private static func compileClass(_ p: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < p.count && (p[i] == "!" || p[i] == "^") {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while i < p.count {
            var c = p[i]
            if c == "]" && !first {
                return (.characterClass(ranges: ranges, negated: negated), i + 1)
            }
            first = false
            if c == "\\" && i + 1 < p.count {
                i += 1
                c = p[i]
            }
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                var upper = p[i + 2]
                var next = i + 3
                if upper == "\\" && i + 3 < p.count {
                    upper = p[i + 3]
                    next = i + 4
                }
                if c.value <= upper.value { ranges.append(c.value...upper.value) }
                i = next
            } else {
                ranges.append(c.value...c.value)
                i += 1
            }
        }
        return nil
    }

    /// Whether the whole of `text` matches.
    func matches(_ text: String) -> Bool {
        switch shape {
        case .literal(let bytes):
            return text.utf8.elementsEqual(bytes)
        case .starThenLiteral(let suffix):
            // The star takes everything before the suffix, which must hold no `/`. A suffix
            // that matches bytewise starts on a scalar boundary: its first byte is a lead byte.
            let t = text.utf8
            guard t.count >= suffix.count else { return false }
            let split = t.index(t.endIndex, offsetBy: -suffix.count)
            return t[split...].elementsEqual(suffix) && !t[..<split].contains(UInt8(ascii: "/"))
        case .general:
            return matches(Array(text.unicodeScalars))
        }
    }

    func matches(_ text: [Unicode.Scalar]) -> Bool {
        // memo[pi * (n + 1) + ti]: 0 unknown, 1 matches, 2 fails.
        let n = text.count
        var memo = [UInt8](repeating: 0, count: (tokens.count + 1) * (n + 1))
        return match(0, 0, text, &memo)
    }

    private func match(_ pi: Int, _ ti: Int, _ text: [Unicode.Scalar], _ memo: inout [UInt8]) -> Bool {
        let n = text.count
        let key = pi * (n + 1) + ti
        if memo[key] != 0 { return memo[key] == 1 }
        let result: Bool
        if pi == tokens.count {
            result = ti == n
        } else {
            switch tokens[pi] {
            case .literal(let c):
                result = ti < n && text[ti] == c && match(pi + 1, ti + 1, text, &memo)
            case .anyScalar:
                result = ti < n && text[ti] != "/" && match(pi + 1, ti + 1, text, &memo)
            case .characterClass(let ranges, let negated):
                if ti < n && text[ti] != "/" {
                    let inClass = ranges.contains { $0.contains(text[ti].value) }
                    result = inClass != negated && match(pi + 1, ti + 1, text, &memo)
                } else {
                    result = false
                }
            case .star:
                var found = false
                var t = ti
                while true {
                    if match(pi + 1, t, text, &memo) { found = true; break }
                    if t == n || text[t] == "/" { break }
                    t += 1
                }
                result = found
            case .anything:
                var found = false
                for t in ti...n where match(pi + 1, t, text, &memo) {
                    found = true
                    break
                }
                result = found
            case .directories:
                // Zero directories, or skip to just after any later slash.
                var found = match(pi + 1, ti, text, &memo)
                var t = ti
                while !found && t < n {
                    if text[t] == "/" && match(pi + 1, t + 1, text, &memo) { found = true }
                    t += 1
                }
                result = found
            }
        }
        memo[key] = result ? 1 : 2
        return result
    }
}
