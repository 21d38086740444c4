import PythonFrontend
import Testing

/// PEP 263: where CPython looks for the declaration, and which names mean UTF-8.
@Test func encodingDeclarationIsFoundWhereCPythonLooks() {
    func other(_ text: String) -> Bool { PythonSourceEncoding.declaresOtherThanUTF8(Array(text.utf8)) }
    #expect(other("# -*- coding: latin-1 -*-\nx = 1\n"))
    #expect(other("#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\n"))
    #expect(other("\n  # coding=ISO_8859_15\n"))
    #expect(other("# coding: cp1252\r\nx = 1\r\n"))
    #expect(other("#!python\r# coding: cp1252\r"))
    // The second line counts only after a blank or comment line.
    #expect(!other("import os\n# coding: latin-1\n"))
    // The third line never counts.
    #expect(!other("#!python\n#\n# coding: latin-1\n"))
    // A comment, not a string or code, and a name must follow.
    #expect(!other("x = '# coding: latin-1'\n"))
    #expect(!other("# coding: \n"))
    // The first `coding:` without a name does not hide a later one.
    #expect(other("# coding: , coding: latin-1\n"))
    // Spellings of UTF-8, and a byte-order mark, which wins over a comment.
    for utf8 in ["utf-8", "UTF-8", "utf8", "utf_8", "utf-8-sig", "u8"] {
        #expect(!other("# -*- coding: \(utf8) -*-\n"))
    }
    #expect(!PythonSourceEncoding.declaresOtherThanUTF8([0xEF, 0xBB, 0xBF] + Array("# coding: latin-1\n".utf8)))
    #expect(!other(""))
    #expect(!other("x = 1"))
}
