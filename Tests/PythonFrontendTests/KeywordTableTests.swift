import Testing
@testable import PythonFrontend

/// The lexer matches keywords by their packed bytes in a table where no two collide;
/// `KeywordTable.byLength` is the list of record. Both must agree, and near misses must stay names.
@Suite struct KeywordTableTests {
    private func keyword(_ text: String) -> Keyword {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { KeywordTable.keyword($0, 0, bytes.count) }
    }

    @Test func everyKeywordOfTheTableIsFound() {
        var count = 0
        for group in KeywordTable.byLength {
            for (bytes, expected) in group {
                let found = bytes.withUnsafeBufferPointer { KeywordTable.keyword($0, 0, bytes.count) }
                #expect(found == expected, "\(String(decoding: bytes, as: UTF8.self))")
                count += 1
            }
        }
        #expect(count == 38)
    }

    @Test func nearMissesAreNames() {
        for text in ["", "i", "Def", "defs", "de", "asyncio", "awaits", "false", "NONE", "_if", "if_", "matches",
                     "nonlocals", "continue1", "classy", "typ", "Type", "x", "selfish"] {
            #expect(keyword(text) == .none, "\(text)")
        }
    }

    @Test func aKeywordInsideALongerBufferIsFoundByItsRange() {
        let bytes = Array("xx await yy".utf8)
        let found = bytes.withUnsafeBufferPointer { KeywordTable.keyword($0, 3, 8) }
        #expect(found == .await)
    }
}
