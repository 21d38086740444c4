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
}
