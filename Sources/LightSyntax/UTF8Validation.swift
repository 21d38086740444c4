/// Finds the first byte that is not part of well-formed UTF-8, so the driver can say that a
/// file was read with replacement characters. ASCII is skipped eight bytes at a time: real
/// source is almost all ASCII, and this runs over every byte of every file.
public func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { p -> Int? in
        let n = p.count
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            // Lead byte: how many continuation bytes follow, and the smallest valid second byte
            // range (rejects overlong forms, surrogates and values above U+10FFFF).
            var length = 0
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 1
            case 0xE0: length = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 2
            case 0xED: length = 2; high = 0x9F
            case 0xF0: length = 3; low = 0x90
            case 0xF1...0xF3: length = 3
            case 0xF4: length = 3; high = 0x8F
            default: return i
            }
            if i + length >= n { return i }
            let second = p[i + 1]
            if second < low || second > high { return i }
            var k = 2
            while k <= length {
                if p[i + k] & 0xC0 != 0x80 { return i }
                k += 1
            }
            i += length + 1
        }
        return nil
    }
}
