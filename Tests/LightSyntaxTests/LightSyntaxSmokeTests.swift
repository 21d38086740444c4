import Testing
@testable import LightSyntax

@Test func lineMapCountsScalarsAndAllLineEnds() {
    let source = Array("a\r\nbé c\rd\n".utf8)
    let map = LineMap(source: source)
    #expect(map.lineCount == 4)
    // "c" is byte 7 (a \r \n b é(2 bytes) space c): line 2, column 4 in scalars.
    #expect(map.location(ofByte: 7) == SourceLocation(line: 2, column: 4))
    #expect(map.location(ofByte: 9) == SourceLocation(line: 3, column: 1))
    #expect(map.lineText(2) == "bé c")
}

/// Columns count scalars eight bytes a step: every byte value at every position of a line, and
/// every start and end of a stretch, against a count one byte at a time.
@Test func columnsCountScalarsInEveryPosition() {
    for special: UInt8 in [0x80, 0xBF, 0xC3, 0xE2, 0xF0, 0x7F, 0x00, 0x40, 0xC0, 0xFF] {
        for position in 0..<20 {
            var line = [UInt8](repeating: UInt8(ascii: "a"), count: 20)
            line[position] = special
            if position + 1 < line.count { line[position + 1] = 0xA9 }
            let map = LineMap(source: line)
            for offset in 0...line.count {
                let expected = line[..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
                #expect(map.location(ofByte: offset).column == expected, "byte \(special) at \(position), offset \(offset)")
                for end in offset...line.count {
                    let endColumn = line[..<end].filter { $0 & 0xC0 != 0x80 }.count + 1
                    #expect(map.locations(ofByte: offset, andByte: end).1.column == endColumn)
                }
            }
        }
    }
}

@Test func symbolTableInternsOnce() {
    var table = SymbolTable()
    let a = table.intern("sleep")
    let b = table.intern("time")
    #expect(table.intern("sleep") == a)
    #expect(a != b)
    for i in 0..<1000 { _ = table.intern("n\(i)") }
    #expect(table.lookup("sleep") == a)
    #expect(table.string(b) == "time")
    #expect(table.lookup("absent") == nil)
}

/// The table hashes and compares eight bytes a step, the last step reading the eight bytes
/// that end a name: names of every length, at every place in a buffer (at its very start too,
/// where fewer than eight bytes precede a name's end), are found again, and only they.
@Test func symbolTableFindsNamesOfEveryLengthAnywhere() {
    var table = SymbolTable()
    var names: [[UInt8]] = []
    for length in 0...40 {
        names.append((0..<length).map { UInt8(ascii: "a") + UInt8(($0 * 7 + length) % 26) })
        // Names that differ only in their first or last byte.
        if length > 0 {
            var first = names.last!, last = names.last!
            first[0] = UInt8(ascii: "Z")
            last[length - 1] = UInt8(ascii: "Z")
            names += [first, last]
        }
    }
    var ids: [Symbol] = []
    for (k, name) in names.enumerated() {
        // Each name at a different offset of a buffer of its own, some at offset 0.
        let padding = [UInt8](repeating: UInt8(ascii: " "), count: k % 11)
        let buffer = padding + name + [UInt8(ascii: "(")]
        let id = buffer.withUnsafeBytes { table.intern($0, padding.count..<padding.count + name.count) }
        ids.append(id)
        #expect(table.string(id) == String(decoding: name, as: UTF8.self))
    }
    #expect(Set(ids).count == Set(names).count)
    for (k, name) in names.enumerated() {
        #expect(table.lookup(String(decoding: name, as: UTF8.self)) == ids[k])
        let buffer = name + [0x0A]
        #expect(buffer.withUnsafeBytes { table.intern($0, 0..<name.count) } == ids[k])
        #expect(SymbolTable.hash(of: String(decoding: name, as: UTF8.self)) == table.hash(ids[k]))
    }
}

@Test func wrapReplacesAChildInPlace() {
    var tree = SyntaxTree(language: .python, lineMap: LineMap(source: Array("f(x)".utf8)))
    let root = tree.makeNode(.module, start: 0, end: 4)
    let statement = tree.addNode(.expressionStatement, parent: root, start: 0, end: 4)
    let callee = tree.addNode(.name, parent: statement, name: tree.symbols.intern("f"), start: 0, end: 1)
    let call = tree.wrap(callee, in: .call, end: 4)
    #expect(tree.childArray(statement) == [call])
    #expect(tree.childArray(call) == [callee])
    #expect(SyntaxSummary.calleeText(tree, callee) == "f")
    #expect(SyntaxSummary(tree: tree).calls == [.init(line: 1, column: 1, callee: "f")])
}

/// A node's range is found in one go (`locations(ofByte:andByte:)`): it must give exactly what
/// two separate lookups give, on every line end, multi-byte scalars, and a line long enough to
/// have checkpoints.
@Test func rangeLookupsAgreeWithSingleLookups() {
    let long = String(repeating: "é", count: 2_500) + "x"     // 5,001 bytes: checkpoints
    for text in ["a\r\nbé\rc\n\nlast", "no line end", "", "\n\n\n", "x\n" + long + "\ny\n"] {
        let map = LineMap(source: Array(text.utf8))
        let n = text.utf8.count
        let offsets = n < 64 ? Array(-1...(n + 1)) : [0, 1, 2, 3, 100, 4_095, 4_096, 4_097, 5_000, n - 3, n - 1, n, n + 2]
        for a in offsets {
            for b in offsets {
                let both = map.locations(ofByte: a, andByte: b)
                #expect(both.0 == map.location(ofByte: a) && both.1 == map.location(ofByte: b), "\(a)..\(b) in \(text.prefix(12))")
            }
        }
    }
}
