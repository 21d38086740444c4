import LightSyntax
import PythonFrontend
import SwiftFrontend

/// Picks a front end by file extension.
public enum FrontEnds {
    public static func language(forPath path: String) -> SourceLanguage? {
        if path.hasSuffix(".py") || path.hasSuffix(".pyi") { return .python }
        if path.hasSuffix(".swift") { return .swift }
        return nil
    }

    public static func parse(_ source: [UInt8], language: SourceLanguage) -> SyntaxTree {
        switch language {
        case .python: return PythonParser.parse(source)
        case .swift: return SwiftParser.parse(source)
        }
    }

    /// The first byte that is not valid in the encoding the file is read in, for the "invalid
    /// UTF-8" note. Swift source is UTF-8; a Python file may declare another encoding (PEP 263),
    /// and is then read byte by byte without a note, as CPython reads it without complaint.
    public static func firstInvalidUTF8Offset(_ source: [UInt8], language: SourceLanguage) -> Int? {
        if language == .python && PythonSourceEncoding.declaresOtherThanUTF8(source) { return nil }
        return LightSyntax.firstInvalidUTF8Offset(source)
    }
}
