/// The PEP 263 encoding declaration (`# -*- coding: latin-1 -*-`) of a Python file.
///
/// The front end reads bytes, and every byte that matters to it (keywords, names of the
/// catalogue, brackets, quotes) is ASCII, so a file in latin-1 or koi8-r parses as it is. What
/// the declaration changes is the driver's "invalid UTF-8" note: such a file is not UTF-8 and
/// does not claim to be, and CPython reads it without complaint.
public enum PythonSourceEncoding {
    /// Whether the file declares an encoding other than UTF-8, the way CPython looks for it: a
    /// comment on the first line, or on the second when the first is blank or a comment, that
    /// holds `coding:` or `coding=` followed by the name.
    public static func declaresOtherThanUTF8(_ bytes: [UInt8]) -> Bool {
        guard let name = declaredName(bytes) else { return false }
        return !namesUTF8(name)
    }

    /// The declared name, lowercased, with `_` read as `-` (CPython's normalisation).
    static func declaredName(_ bytes: [UInt8]) -> [UInt8]? {
        var start = 0
        // A UTF-8 byte-order mark says UTF-8, whatever a comment says after it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        for lineNumber in 1...2 {
            guard start < bytes.count else { return nil }
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
            if let name = cookie(in: bytes[start..<end]) { return name }
            if lineNumber == 2 || !isBlankOrComment(bytes[start..<end]) { return nil }
            // The next line starts after one `\n`, `\r` or `\r\n`.
            start = end
            if start < bytes.count, bytes[start] == UInt8(ascii: "\r") { start += 1 }
            if start < bytes.count, bytes[start] == UInt8(ascii: "\n") { start += 1 }
        }
        return nil
    }

    private static func isIndentation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0C
    }

    private static func isBlankOrComment(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first(where: { !isIndentation($0) }) else { return true }
        return first == UInt8(ascii: "#")
    }

    /// `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`, on bytes.
    private static func cookie(in line: ArraySlice<UInt8>) -> [UInt8]? {
        guard let hash = line.firstIndex(where: { !isIndentation($0) }), line[hash] == UInt8(ascii: "#") else { return nil }
        let word = Array("coding".utf8)
        var i = hash + 1
        while i + word.count < line.endIndex {
            if line[i..<(i + word.count)].elementsEqual(word),
               line[i + word.count] == UInt8(ascii: ":") || line[i + word.count] == UInt8(ascii: "=") {
                var j = i + word.count + 1
                while j < line.endIndex, line[j] == UInt8(ascii: " ") || line[j] == UInt8(ascii: "\t") { j += 1 }
                var name: [UInt8] = []
                while j < line.endIndex, isNameByte(line[j]) {
                    let b = line[j]
                    name.append(b == UInt8(ascii: "_") ? UInt8(ascii: "-") : (b | (b >= 0x41 && b <= 0x5A ? 0x20 : 0)))
                    j += 1
                }
                if !name.isEmpty { return name }
            }
            i += 1
        }
        return nil
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    /// The spellings Python's codec registry resolves to UTF-8.
    private static func namesUTF8(_ name: [UInt8]) -> Bool {
        let text = String(decoding: name, as: UTF8.self)
        return ["utf-8", "utf8", "u8", "utf", "cp65001"].contains(text) || text.hasPrefix("utf-8-")
    }
}
