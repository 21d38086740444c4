/// The argument labels a catalogue entry accepts (see `SwiftCatalogue` for the notation).
enum SwiftLabelPattern: Sendable, Hashable {
    case any
    case exactly([String])
    case startingWith([String])

    func matches(_ labels: [String]) -> Bool {
        switch self {
        case .any: return true
        case .exactly(let expected): return labels == expected
        case .startingWith(let prefix): return labels.count >= prefix.count && Array(labels.prefix(prefix.count)) == prefix
        }
    }

    /// `(a:b:)` → exactly [a, b]; `(a:...)` → starting with [a]; `(...)`/`(…)` or nothing → any.
    init(parsing text: Substring?) {
        guard let text else { self = .any; return }
        var parts = text.split(separator: ":", omittingEmptySubsequences: true).map {
            String($0).trimmingSpaces
        }
        var open = false
        if let last = parts.last, last == "..." || last == "…" {
            parts.removeLast()
            open = true
        }
        if open && parts.isEmpty { self = .any; return }
        self = open ? .startingWith(parts) : .exactly(parts)
    }
}

/// A catalogue signature split into its parts: `Type.member(labels)`, `Type(labels)`,
/// `member(labels)` or `.member(labels)`.
struct SwiftAPISignature: Sendable, Hashable {
    /// The type part (`FileHandle.standardInput` in `FileHandle.standardInput.availableData`);
    /// nil for a free function or a leading-dot (any receiver) entry.
    var typeName: String?
    /// The member, the free function's name, or the type name for an initializer.
    var member: String
    var labels: SwiftLabelPattern
    var hasParentheses: Bool

    init(parsing signature: String, isInitializer: Bool = false) {
        let text = signature.trimmingSpaces
        var head = Substring(text)
        var labelText: Substring?
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            head = text[..<open]
            labelText = text[text.index(after: open)..<close]
        }
        hasParentheses = labelText != nil
        labels = SwiftLabelPattern(parsing: labelText)
        if isInitializer {
            typeName = String(head)
            member = String(head)
        } else if let dot = head.lastIndex(of: ".") {
            let type = head[..<dot]
            typeName = type.isEmpty ? nil : String(type)
            member = String(head[head.index(after: dot)...])
        } else {
            typeName = nil
            member = String(head)
        }
    }

    /// How a finding names the API: `Thread.sleep(forTimeInterval:)`, `FileManager.contents(atPath:)`.
    func display(actualLabels: [String]?, isCall: Bool) -> String {
        var name = member
        if let typeName, typeName != member { name = typeName + "." + member }
        guard isCall else { return name }
        let labels = actualLabels ?? {
            switch self.labels {
            case .any: return []
            case .exactly(let l), .startingWith(let l): return l
            }
        }()
        return name + "(" + labels.map { $0 + ":" }.joined() + ")"
    }
}

fileprivate extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
