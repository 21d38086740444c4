import Testing
@testable import AsyncLint

/// The quick test that lets a file without async code skip its comment scan: it may only say
/// "no skip-file here" when there is none.
@Test func skipFileMarkerIsFoundAnywhereInTheFile() {
    func holds(_ text: String) -> Bool { SuppressionMarkers.mayHoldSkipFile(Array(text.utf8)) }
    #expect(holds("asynclint:"))                                  // the very first bytes, no line end
    #expect(holds("# asynclint: skip-file\nx = 1\n"))
    #expect(holds("x = 1\n// asynclint:SKIP-FILE"))               // the very last bytes
    #expect(holds("y = 'asyncly' # asynclint: skip-file"))        // a `y` that is no marker first
    #expect(!holds(""))
    #expect(!holds("ay"))
    #expect(!holds("# asynclint skip-file\n"))                   // no colon: `asynclintDirective` reads none either
    #expect(!holds("# asynclin: skip-file\n"))
}
