// Strings, comments, and lexical corner cases.
/* a /* nested */ comment with "quotes" and \(nothing) */
let a = "plain \"escaped\" \\ \u{1F600} \t"
let b = "interp \(x) and \(f(y, z: "inner \(g("deep \(h())"))")) done"
let c = #"raw \(not) but \#(yes()) and "quotes""#
let d = ##"double raw \#(no) \##(yesAgain())"##
let e = """
    multi "line" \(one())
      indented \(two(
        three()
      ))
    \"""
    """
let f = #"""
    raw multi \#(four()) \(five)
    """#
let g = "a" + "b\(c)" + #"d"#
let `class` = 1
let `func name with spaces` = 2
let café = "é"; let 日本 = "語"; let 🐶 = "dog"
let h = `class` + café.count + 日本.count + 🐶.count
let i = 0x1F + 0b1010 + 0o17 + 1_000_000 + 1.5e-3 + 0x1p4
let j = a.count > 1 ? a.uppercased() : b.lowercased()
let k = x! + y!.z + (w?.v ?? 0)
let l = -value + (+other) + ~mask & !flag.isSet()
let m = [1, 2, 3].map { $0 * 2 }[0]
let n = { (x: Int) in x }(5)
let o = Foo<Bar>.make()
let p = Dictionary<String, [Int]>(uniqueKeysWithValues: pairs())
let q = x < y && y > z
let r = (a, b: b, c: f())
let s = [String: (Int) -> Void]()
let t = (x as? Int).map { $0 + 1 }
let u: [Int]? = nil
let v = u?.first.map(String.init) ?? ""
let w = type(of: x).init()
let y2 = Array(repeating: 0, count: 3)[1...]
let z2 = some.method<Int>?() ?? other.method()
func generic<T>(_ t: T) -> T where T: Equatable { t }
let gen = generic<Int>(5)
let tuple = (1, 2).0
let chain = obj
    .first()
    .second { $0 }
    .third(x: 1)
    #if DEBUG
    .debugOnly()
    #endif
    .last()
let quote = #"""#, quotes = [#"'"#, #"""#]; after(quote, quotes)
let rawMulti = #"""
    a "quoted" line \#(inner()) and """ inside
    """#
