import Testing
@testable import SwiftFrontend

/// `KeywordTable` packs a name into its first and last eight bytes and its length: keywords of
/// every length are found where they stand (mid-buffer, or at its end where fewer than eight
/// bytes follow), and names that share those words but differ elsewhere are not keywords.
@Suite struct SwiftKeywordTableTests {
    func lookup(_ text: String, paddedWith padding: String = "", after prefix: String = "") -> Keyword {
        let bytes = Array((prefix + text + padding).utf8)
        let start = prefix.utf8.count
        return bytes.withUnsafeBufferPointer { KeywordTable.shared.lookup($0, start, start + text.utf8.count) }
    }

    @Test func keywordsOfEveryLengthAreFoundAnywhere() {
        let keywords: [(String, Keyword)] = [
            ("_", .underscore), ("if", .if), ("let", .let), ("func", .func), ("async", .async), ("return", .return),
            ("willSet", .willSet), ("protocol", .protocol), ("extension", .extension), ("fileprivate", .fileprivate),
            ("unsafeAddress", .unsafeAddress), ("sourceLocation", .sourceLocation), ("associatedtype", .associatedtype),
            ("precedencegroup", .precedencegroup), ("unsafeMutableAddress", .unsafeMutableAddress),
        ]
        for (text, keyword) in keywords {
            #expect(lookup(text) == keyword, "\(text) alone")
            #expect(lookup(text, paddedWith: " = x\n") == keyword, "\(text) before more bytes")
            #expect(lookup(text, paddedWith: "\n", after: "x.y ") == keyword, "\(text) after other bytes")
        }
    }

    @Test func namesThatShareAKeywordsWordsAreNoKeywords() {
        for text in ["", "i", "fun", "funcs", "Func", "func_", "lett", "protocols", "extensio",
                     "unsafeMutableAddresz", "unsafeMuXableAddress", "unsafeMutaXleAddress", "xunsafeMutableAddress",
                     "precedencegroupp", "associatedtypes", "thisNameIsFarLongerThanAnyKeyword"] {
            #expect(lookup(text, paddedWith: " ") == .none, "\(text)")
            #expect(lookup(text) == .none, "\(text) at the end")
        }
    }
}
