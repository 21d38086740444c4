import LightSyntax

/// What the driver knows of the files it has not summarized: enough, from `SourceScan`, for the
/// index to tell which of them the findings may depend on.
public struct ProjectUniverse: Sendable {
    /// Python: every file of the run by module (`FileSummary.sourceIndex`, in file order),
    /// summarized or not.
    public var pythonModules: [String: [Int32]] = [:]
    /// `pythonModules` by `WordHash` of the module's name (see `finish()`): the demand walk
    /// looks up every prefix of every name it resolves, and hashes them as it reads the name.
    /// (A collision can only ask for a file more.) Empty until `finish()`: then the names are
    /// looked up as text.
    var pythonModulesByHash: [UInt64: [Int32]] = [:]

    /// Python: the names a module may also be imported by through namespace packages (PEP 420,
    /// directories without `__init__.py`) → its own name: `app.db` → `db` for `app/db.py`.
    /// None is another module's own name, and none is two modules' (it would be ambiguous).
    public private(set) var pythonModuleAliases: [String: String] = [:]
    /// The aliases as added, with their files: settled by `finish()`.
    private var pendingAliases: [String: (module: String, files: [Int32])?] = [:]

    /// A Python module's names through namespace packages (`ProjectLayout.namespaceAliases`).
    public mutating func addNamespaceAliases(of module: String, namespacePrefix: String) {
        guard !namespacePrefix.isEmpty, let files = pythonModules[module] else { return }
        for alias in ProjectLayout.namespaceAliases(of: module, namespacePrefix: namespacePrefix) {
            switch pendingAliases[alias] {
            case nil: pendingAliases[alias] = .some((module, files))
            case .some(.some(let known)) where known.module != module: pendingAliases[alias] = .some(nil)   // ambiguous
            default: break
            }
        }
    }

    /// Builds `pythonModulesByHash` (the driver calls this once the universe is complete).
    public mutating func finish() {
        pythonModules.reserveCapacity(pythonModules.count + pendingAliases.count)
        for (alias, target) in pendingAliases {
            guard let target, pythonModules[alias] == nil else { continue }
            pythonModuleAliases[alias] = target.module
            pythonModules[alias] = target.files
        }
        pendingAliases = [:]
        var byHash: [UInt64: [Int32]] = [:]
        byHash.reserveCapacity(pythonModules.count)
        for (module, files) in pythonModules { byHash[WordHash.of(module), default: []] += files }
        pythonModulesByHash = byHash
    }
    /// Python files not summarized, by `sourceIndex`.
    public var pythonFiles: [Int32: ScannedPythonFile] = [:]
    /// Swift files not summarized, by the names they declare with `func`.
    public var swiftFunctionFiles: [String: [Int32]] = [:]
    /// Swift files not summarized, by the names of the getters they declare (a computed
    /// property's, `subscript`): only a read runs one, only a call a `func`.
    public var swiftGetterFiles: [String: [Int32]] = [:]
    /// The keys (`SwiftDeclarationScan.memberKey`, `freeKey`) of every getter a Swift file not
    /// summarized may declare: its declaration walk's getters, or, when the walk could not tell
    /// their types, each getter's name free and in each type the file names. A read no getter
    /// of the project can answer is dropped before the index walks it (`ProjectIndex`). A
    /// filter: a key it does not hold may pass, which only keeps a read that resolves to nothing.
    var swiftGetterKeys = HashFilter()
    /// Of `swiftTypeFiles`, those that declare the type (not only extend it), as
    /// `declaredTypeKey`s: only a declaration makes a system type's name the project's own
    /// (`demandShadowingDeclarations`). (A set of words rather than a table of file lists: an
    /// array a type name was thousands of heap blocks for a handful of questions.)
    var swiftDeclaredTypeKeys: Set<UInt64> = []
    /// The module of each Swift file not summarized (a shadowing declaration counts only in
    /// its module).
    public var swiftFileModules: [Int32: String] = [:]
    /// Protocols declared in Swift files not summarized (a call through one stays silent).
    public var swiftProtocols: Set<String> = []
    /// Swift files not summarized, by the types they declare or extend (last name).
    public var swiftTypeFiles: [String: Set<Int32>] = [:]
    /// Per Swift file not summarized, its functions as its declaration walk read them
    /// (`SwiftDeclarationScan`, sorted by key): free or a member of which type, and with which
    /// parameter labels. A file without them (no type in it, or braces the walk could not
    /// balance) may hold any function of a name it declares, free or a member.
    public var swiftFileSignatures: [Int32: [SwiftDeclarationScan.Signature]] = [:]
    /// Of those, the files whose methods' types are not known: any function of the name may be
    /// a member of any type they declare or extend.
    public var swiftFilesWithUnknownMembers: Set<Int32> = []

    public init() {}

    public var isEmpty: Bool {
        pythonModules.isEmpty && swiftFunctionFiles.isEmpty && swiftGetterFiles.isEmpty && pythonFiles.isEmpty
    }

    static func declaredTypeKey(_ name: String, in file: Int32) -> UInt64 {
        WordHash.pair(WordHash.of(name), UInt64(UInt32(bitPattern: file)))
    }

    /// The Swift files not summarized that declare a type of this name (not only extend it).
    public func swiftFilesDeclaring(type name: String) -> [Int32] {
        guard let files = swiftTypeFiles[name] else { return [] }
        return files.filter { swiftDeclaredTypeKeys.contains(Self.declaredTypeKey(name, in: $0)) }.sorted()
    }

    /// A Swift file pass 1 did not summarize.
    public mutating func addSwift(_ facts: SwiftScanFacts, at index: Int32) {
        for name in facts.functions { swiftFunctionFiles[name, default: []].append(index) }
        for name in facts.getters { swiftGetterFiles[name, default: []].append(index) }
        if let declarations = facts.declarations {
            swiftFileSignatures[index] = declarations.signatures
            if !declarations.membersKnown { swiftFilesWithUnknownMembers.insert(index) }
        }
        if !facts.getters.isEmpty {
            if let declarations = facts.declarations, declarations.membersKnown {
                for signature in declarations.signatures where signature.isGetter { swiftGetterKeys.insert(signature.key) }
            } else {
                // Without the walk (no type: all free) or with types it could not spell, a
                // getter may be free or a member of any type the file names.
                let typeHashes = facts.types.map(WordHash.of)
                for name in facts.getters {
                    let nameHash = WordHash.of(name)
                    swiftGetterKeys.insert(nameHash)
                    for type in typeHashes { swiftGetterKeys.insert(WordHash.pair(type, nameHash)) }
                }
            }
        }
        for name in facts.types { swiftTypeFiles[name, default: []].insert(index) }
        for name in facts.declaredTypes { swiftDeclaredTypeKeys.insert(Self.declaredTypeKey(name, in: index)) }
        swiftProtocols.formUnion(facts.protocols)
        if !facts.functions.isEmpty || !facts.declaredTypes.isEmpty { swiftFileModules[index] = facts.module }
    }
}

/// What the index may need of a Swift file that was not parsed, from its scans.
public struct SwiftScanFacts: Sendable {
    /// The names after `func`.
    public var functions: [String]
    /// The names of its getters (`SourceScan.getterNames`).
    public var getters: [String]
    /// Nil when the declaration walk did not read the file (see `ProjectUniverse.swiftFileSignatures`).
    public var declarations: SwiftDeclarationScan.Declarations?
    /// The types it declares or extends (`SourceScan.typeNames`), those it declares, its protocols.
    public var types: [String]
    public var declaredTypes: [String]
    public var protocols: [String]
    public var module: String

    public init(functions: [String], getters: [String], declarations: SwiftDeclarationScan.Declarations?, types: [String],
                declaredTypes: [String], protocols: [String], module: String) {
        self.functions = functions
        self.getters = getters
        self.declarations = declarations
        self.types = types
        self.declaredTypes = declaredTypes
        self.protocols = protocols
        self.module = module
    }
}

/// A Python file known only from its scan, reduced (on the worker that scanned it) to the
/// hashes the index's questions compare: the serial rounds then hash no string of the thousands
/// of files that are never parsed. A hash collision can only make a file look as if it might
/// matter, so it can only add a file to parse, never lose a finding.
public struct ScannedPythonFile: Sendable {
    /// What its imports bind (see `ScannedBinding`).
    var bindings: [ScannedBinding]
    /// Its module's name (nil for a file of no module): the parent of every name it binds.
    var module: DottedName?
    /// Its `class Name(Base, …)` headers (see `ScannedClassHeader`).
    var classes: [ScannedClassHeader]
    /// See `SourceScan.statementCalls`.
    public var statementCalls: [UInt64]
    /// The names (`WordHash`, sorted) it defines with `def` or binds by an import: what a
    /// function called through the module can be.
    var definedCallables: [UInt64]
    /// The names (`WordHash`, sorted) of its classes.
    var classNames: [UInt64]
    /// The names a line starts by assigning (`SourceScan.assignedNames`), as a 512-bit filter, a
    /// bit a name: 64 bytes a file where the sorted hashes took 2 MB on the Python corpus. A
    /// false "maybe" can only parse a file more.
    var assignedNames = SIMD8<UInt64>(repeating: 0)
    /// It has a star import (`from x import *`): it may bind any name.
    var bindsAnyName: Bool

    /// Hashes the scan's names from its bytes (`SourceScan.names`): no String is made, and the
    /// module's own name and packages are hashed once for all its imports.
    public init(module: String, isPackage: Bool, namespacePrefix: String = "", scan: SourceScan) {
        self.statementCalls = scan.statementCalls
        var moduleText = module
        var bindings: [ScannedBinding] = []
        var classes: [ScannedClassHeader] = []
        var callables: [UInt64] = []
        var classNames: [UInt64] = []
        var moduleHashes: DottedName?
        moduleText.withUTF8 { moduleBytes in
            scan.names.withUnsafeBufferPointer { names in
                func bytes(_ name: NameRange) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: names[name.start..<name.end])
                }
                let moduleName = DottedName(utf8: moduleBytes)
                if !moduleBytes.isEmpty { moduleHashes = moduleName }
                // By number of leading dots: the package they name (`ProjectLayout`), hashed,
                // or nil when it is above the top; asked once per number of dots, at the first
                // relative import.
                var packagesByDots: [DottedNameHasher??] = []
                // Each binding's bound name (`*` for a star import).
                var boundNames: [NameRange] = []
                bindings.reserveCapacity(scan.importFacts.count)
                boundNames.reserveCapacity(scan.importFacts.count)
                for item in scan.importFacts {
                    let bound: NameRange
                    let target: DottedName
                    if let from = item.module {
                        // The absolute module, as `ProjectLayout.absoluteModule` makes it: the
                        // module's own package (itself for an `__init__`), then one package up
                        // per dot after the first.
                        let relative = bytes(from)
                        var dots = 0
                        while dots < relative.count && relative[dots] == UInt8(ascii: ".") { dots += 1 }
                        var base = DottedNameHasher()
                        if dots == 0 {
                            base.feed(relative)
                        } else {
                            if packagesByDots.count <= dots {
                                packagesByDots.append(contentsOf: repeatElement(nil, count: dots + 1 - packagesByDots.count))
                            }
                            if packagesByDots[dots] == nil {
                                packagesByDots[dots] = .some(ProjectLayout.relativePackage(
                                    dots: dots, of: module, namespacePrefix: namespacePrefix, isPackage: isPackage).map { package in
                                        var hasher = DottedNameHasher()
                                        var package = package
                                        package.withUTF8 { hasher.feed($0) }
                                        return hasher
                                    })
                            }
                            guard let package = packagesByDots[dots] ?? nil else { continue }
                            let rest = UnsafeBufferPointer(rebasing: relative[dots...])
                            if rest.isEmpty {
                                base = package
                            } else {
                                if package.count > 0 {
                                    base = package
                                    base.feed(UInt8(ascii: "."))
                                }
                                base.feed(rest)
                            }
                        }
                        let name = bytes(item.name)
                        if name.count == 1 && name[0] == UInt8(ascii: "*") {
                            bound = item.name
                            target = base.name
                        } else {
                            bound = item.alias ?? item.name
                            if base.count > 0 { base.feed(UInt8(ascii: ".")) }
                            base.feed(name)
                            target = base.name
                        }
                    } else if let alias = item.alias {
                        bound = alias
                        target = DottedName(utf8: bytes(item.name))
                    } else {
                        // `import a.b.c` binds `a`.
                        let name = bytes(item.name)
                        let first = name.firstIndex(of: UInt8(ascii: ".")) ?? name.count
                        bound = NameRange(start: item.name.start, end: item.name.start + first)
                        target = DottedName(utf8: bytes(bound))
                    }
                    let boundBytes = bytes(bound)
                    let boundHash = WordHash.of(bytes: boundBytes)
                    let isStar = boundBytes.count == 1 && boundBytes[0] == UInt8(ascii: "*")
                    bindings.append(ScannedBinding(
                        bound: boundHash,
                        aliasFull: moduleBytes.isEmpty ? DottedName(utf8: boundBytes).full
                            : DottedName(moduleName, dot: boundBytes, last: boundHash).full,
                        target: target, isStar: isStar, fromImport: item.module != nil))
                    boundNames.append(bound)
                }
                classes.reserveCapacity(scan.classFacts.count)
                classNames.reserveCapacity(scan.classFacts.count)
                for cls in scan.classFacts { classNames.append(WordHash.of(bytes: bytes(cls.name))) }
                callables.reserveCapacity(scan.functionNameRanges.count + bindings.count)
                for function in scan.functionNameRanges { callables.append(WordHash.of(bytes: bytes(function))) }
                let hasStarImport = bindings.contains(where: \.isStar)
                // A base's first name is looked for among the file's `def`s and assignments: one
                // pass over them per base, or, in a file with many of both (generated code),
                // sorted once for a binary search per base.
                let baseCount = scan.classBases.count
                let sortsNames = baseCount * (scan.functionNameRanges.count + scan.assignedNames.count) > 1 << 16
                let defNames = sortsNames ? SortedHashes.unique(Array(callables[..<scan.functionNameRanges.count])) : []
                let assigned = sortsNames ? SortedHashes.unique(scan.assignedNames) : []
                let defCount = scan.functionNameRanges.count
                func isDefinedOrAssigned(_ name: UInt64) -> Bool {
                    if sortsNames { return SortedHashes.contains(defNames, name) || SortedHashes.contains(assigned, name) }
                    return callables[..<defCount].contains(name) || scan.assignedNames.contains(name)
                }
                var topLevelClassNames: [UInt64] = [], nestedClassNames: [UInt64] = []
                for (c, cls) in scan.classFacts.enumerated() {
                    if cls.isTopLevel { topLevelClassNames.append(classNames[c]) } else { nestedClassNames.append(classNames[c]) }
                }
                topLevelClassNames = SortedHashes.unique(topLevelClassNames)
                nestedClassNames = SortedHashes.unique(nestedClassNames)
                for (c, cls) in scan.classFacts.enumerated() {
                    let name = classNames[c]
                    let key = cls.isTopLevel ? Self.qualified(module: moduleName, moduleIsEmpty: moduleBytes.isEmpty, bytes(cls.name), last: name)
                                             : ClassKey.anyClass(named: name)
                    var bases: [ClassKey] = []
                    bases.reserveCapacity(cls.bases.count)
                    for base in scan.classBases[cls.bases] {
                        let baseBytes = bytes(base)
                        let baseName = DottedName(utf8: baseBytes)
                        let dot = baseBytes.firstIndex(of: UInt8(ascii: "."))
                        let firstBytes = UnsafeBufferPointer(rebasing: baseBytes[..<(dot ?? baseBytes.count)])
                        // Resolution reads the base's first name where the class is defined:
                        // told by the file's imports of it and its module-level classes of that
                        // name, unless the file may bind it otherwise too (a star import, a
                        // `def`, an assignment, a nested class: then any class of the last
                        // name may be meant).
                        let first = WordHash.of(bytes: firstBytes)
                        var told = !(hasStarImport || isDefinedOrAssigned(first) || SortedHashes.contains(nestedClassNames, first))
                        let before = bases.count
                        if told {
                            for (k, binding) in bindings.enumerated()
                            where binding.bound == first && bytes(boundNames[k]).elementsEqual(firstBytes) {
                                // `from m import Base as B; class C(B)`: B is m's Base; `import
                                // a.b as m; class C(m.K)`: a.b.K.
                                var full = binding.target.full
                                if let dot { for byte in baseBytes[dot...] { full = WordHash.step(full, byte) } }
                                bases.append(ClassKey(full: full, last: baseName.hasParent ? baseName.last : binding.target.last))
                            }
                            if SortedHashes.contains(topLevelClassNames, first) {
                                bases.append(Self.qualified(module: moduleName, moduleIsEmpty: moduleBytes.isEmpty, baseBytes,
                                                            last: baseName.last))
                            }
                            told = bases.count > before
                        }
                        if !told {
                            bases.append(ClassKey.anyClass(named: baseName.last))
                            for (k, binding) in bindings.enumerated()
                            where binding.bound == baseName.full && bytes(boundNames[k]).elementsEqual(baseBytes) {
                                bases.append(ClassKey.anyClass(named: binding.target.last))
                            }
                        }
                    }
                    classes.append(ScannedClassHeader(key: key, bases: bases))
                }
            }
        }
        for binding in bindings { callables.append(binding.bound) }
        self.bindings = bindings
        self.module = moduleHashes
        self.classes = classes
        self.classNames = SortedHashes.unique(classNames)
        self.definedCallables = SortedHashes.unique(callables)
        self.bindsAnyName = bindings.contains(where: \.isStar)
        for name in scan.assignedNames {
            let bit = Self.assignedNameBit(name)
            assignedNames[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// `module.name` (`name` alone in a file of no module) as a class key.
    static func qualified(module: DottedName, moduleIsEmpty: Bool, _ name: UnsafeBufferPointer<UInt8>,
                          last: UInt64) -> ClassKey {
        var full = moduleIsEmpty ? WordHash.seed : WordHash.step(module.full, UInt8(ascii: "."))
        for byte in name { full = WordHash.step(full, byte) }
        return ClassKey(full: full, last: last)
    }

    /// Whether the module may define (`def`) or import a name with this `WordHash`.
    func mayDefineCallable(hash: UInt64) -> Bool {
        bindsAnyName || SortedHashes.contains(definedCallables, hash)
    }

    /// Whether a line of the module may assign a name with this `WordHash` (`http = …`).
    func mayAssign(hash: UInt64) -> Bool {
        let bit = Self.assignedNameBit(hash)
        return assignedNames[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    private static func assignedNameBit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & 511)
    }

    /// Whether the module may define a class with this `WordHash` as its name.
    func mayDefineClass(hash: UInt64) -> Bool {
        SortedHashes.contains(classNames, hash)
    }

    /// Whether the module may define or import a name with this `WordHash`.
    /// (Two searches, not one in a merged copy of both lists: that copy was 1.3 MB of the Python
    /// corpus's peak.)
    func mayDefine(hash: UInt64) -> Bool {
        mayDefineCallable(hash: hash) || mayDefineClass(hash: hash)
    }

    /// Whether a call starting a line ends in the name with this `WordHash`.
    func mayCallAsStatement(hash: UInt64) -> Bool {
        SortedHashes.contains(statementCalls, hash)
    }

}

/// A binding an import statement of an unparsed file makes, as hashes.
struct ScannedBinding: Sendable {
    // (The flags last: between the names they padded each binding from 88 to 96 bytes, and the
    // unparsed files of the Python corpus hold some 50,000 bindings until pass 2 ends. For the
    // same reason the name it gives in its module is kept as its one hash the module's name does
    // not tell, 56 bytes a binding instead of 88: `alias(in:)`.)
    /// `WordHash` of the bound name.
    var bound: UInt64
    /// `DottedName.full` of the name it gives in its module (`module.bound`).
    var aliasFull: UInt64
    /// The absolute qualified name it binds.
    var target: DottedName
    /// `from x import *`.
    var isStar: Bool
    var fromImport: Bool
}

extension ScannedBinding {
    /// The name it gives in its module (`module.bound`; `bound` in a file of no module): what
    /// `DottedName(module + "." + bound)` hashes to.
    func alias(in module: DottedName?) -> DottedName {
        guard let module else {
            return DottedName(full: aliasFull, last: aliasFull, parent: WordHash.seed, parentLast: WordHash.seed, hasParent: false)
        }
        return DottedName(full: aliasFull, last: bound, parent: module.full, parentLast: module.last, hasParent: true)
    }
}

/// A class header of an unparsed file, as hashes: the class, and its bases as far as the
/// file's imports tell them (see `ScannedPythonFile.init`).
struct ScannedClassHeader: Sendable {
    var key: ClassKey
    var bases: [ClassKey]
}

/// A class as the coroutine-caller question tells classes apart: by the hashes of its qualified
/// name (`DottedName.full`) and last name. A re-export (`from .impl import Base` in
/// `pkg/__init__.py`) is an edge (`CoroutineCallers`). `loose`: the scan cannot tell the
/// qualified name (a base whose first name the file may bind otherwise than by an import, a
/// class not at the start of a line, which may be nested), so it stands for every class of its
/// last name: that can only ask for a file more.
struct ClassKey: Hashable, Comparable, Sendable {
    /// 0 when loose (16 bytes a key: the unparsed files' class headers wait for pass 2; a
    /// qualified name hashed to 0 would only be loose).
    var full: UInt64
    var last: UInt64

    init(full: UInt64, last: UInt64) {
        self.full = full
        self.last = last
    }

    static func anyClass(named last: UInt64) -> ClassKey { ClassKey(full: 0, last: last) }

    /// A base written so may mean a class of the same last name when either is loose, else
    /// only the class of the same qualified name (`CoroutineCallers.forEachPosition` finds them).
    var loose: Bool { full == 0 }

    /// By last name, then qualified name: the loose key of a last name comes first among its
    /// keys, and each run of a last name holds every key that may name a class of it.
    static func < (a: ClassKey, b: ClassKey) -> Bool {
        a.last != b.last ? a.last < b.last : a.full < b.full
    }
}

/// A dotted name (`pkg.client.fetch`) as the hashes the coroutine-caller question compares:
/// the whole (FNV-1a over its bytes, the same as `WordHash.of`), its last name, and the same
/// two of its parent (`pkg.client`, `client`) when it has a dot.
struct DottedName: Sendable {
    var full: UInt64
    var last: UInt64
    var parent: UInt64
    var parentLast: UInt64
    var hasParent: Bool

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { DottedName(utf8: $0) }
    }

    init(utf8 text: UnsafeBufferPointer<UInt8>) {
        var hasher = DottedNameHasher()
        hasher.feed(text)
        self = hasher.name
    }

    fileprivate init(full: UInt64, last: UInt64, parent: UInt64, parentLast: UInt64, hasParent: Bool) {
        self.full = full
        self.last = last
        self.parent = parent
        self.parentLast = parentLast
        self.hasParent = hasParent
    }

    /// `module.name` for a name whose `WordHash` is `last`: the same hashes as
    /// `DottedName(module + "." + name)` when the name has no dot, without making that string.
    init(_ module: DottedName, dot name: UnsafeBufferPointer<UInt8>, last: UInt64) {
        var full = WordHash.step(module.full, UInt8(ascii: "."))
        for byte in name { full = WordHash.step(full, byte) }
        self.full = full
        self.last = last
        self.parent = module.full
        self.parentLast = module.last
        self.hasParent = true
    }

    /// The class this names exactly, as `ClassKey` compares classes.
    var classKey: ClassKey { ClassKey(full: full, last: last) }
}

/// `DottedName` of the bytes fed so far: a name put together from pieces (a package, a dot,
/// a module, a dot, a name) is hashed without making its string.
struct DottedNameHasher {
    var full = WordHash.seed, part = WordHash.seed, previousPart = WordHash.seed
    var beforeLastDot = WordHash.seed
    var hasDot = false
    /// The bytes fed so far.
    var count = 0

    @inline(__always) mutating func feed(_ byte: UInt8) {
        if byte == UInt8(ascii: ".") {
            beforeLastDot = full
            previousPart = part
            part = WordHash.seed
            hasDot = true
        } else {
            part = WordHash.step(part, byte)
        }
        full = WordHash.step(full, byte)
        count += 1
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { feed(byte) }
    }

    var name: DottedName {
        // The parent's last name is the whole parent when it has no dot itself.
        DottedName(full: full, last: hasDot ? part : full, parent: beforeLastDot, parentLast: previousPart, hasParent: hasDot)
    }
}

/// The files resolutions asked for and did not find loaded (a class: resolution is read-only).
final class DemandLog {
    var files: Set<Int32> = []
    /// Every time a resolution needed a file not loaded (the same file may count again).
    var events = 0

    func need(_ file: Int32) {
        files.insert(file)
        events += 1
    }
}

/// The walk `filesToLoad` makes over the call graph, kept from round to round: a round resolves
/// only the calls of the files and functions that are new and the calls whose resolution
/// needed a file that was not there yet.
struct DemandWalk {
    struct Call {
        var file: Int32
        var call: Int32
        /// Its callees' own calls are walked too (a call in async code, or one they make).
        var follows: Bool
    }
    var visited: Set<ProjectIndex.FunctionRef> = []
    var unsettled: [Call] = []
    /// `summaries[..<queuedFiles]` have had their calls queued.
    var queuedFiles = 0
    /// Per file (position in `summaries`): each function's calls that propagate.
    var callsOf: [Int32: [Int32: [Int32]]] = [:]
    /// `WordHash` of every coroutine function's name.
    var coroutineNames: Set<UInt64>?

    /// A key's resolution in one round of `filesToLoad`.
    struct Resolved {
        var callees: [ProjectIndex.FunctionRef]
        /// A file it needs is not loaded yet.
        var unsettled: Bool
        /// Its callees have been walked.
        var followed: Bool
    }
}

extension ProjectIndex {
    /// The files not yet summarized that the findings may depend on; empty when the summaries
    /// at hand decide every finding. Each of these only for its rule in `rules`:
    ///
    /// - The definitions reached from async code (AL110): every call in an async context is
    ///   resolved, and so are the calls of every sync project function it reaches, transitively
    ///   (AL110's chains run only through those).
    /// - Cross-file AL202's callees: the calls whose value is thrown away and whose name is that
    ///   of a coroutine function.
    /// - With `coroutineCallers`, the unparsed Python files that may make such a call
    ///   (`CoroutineCallers`). Every coroutine function is known from the
    ///   first round (an `async def` makes its file parsed from the start), so the driver asks
    ///   for these once, in the first round.
    public mutating func filesToLoad(coroutineCallers: Bool = true) -> [Int32] {
        guard !universe.isEmpty else { return [] }
        demand.files = []
        let helpers = rules.contains(.blockingViaHelper), awaits = rules.contains(.crossFileAwaits)
        if awaits && walk.coroutineNames == nil { walk.coroutineNames = coroutineNameHashes() }
        let coroutineNames = walk.coroutineNames ?? []
        var pending = walk.unsettled
        walk.unsettled = []
        for f in walk.queuedFiles..<summaries.count {
            let summary = summaries[f]
            for (c, call) in summary.calls.enumerated() {
                if helpers && call.role.contains(.inAsyncContext) {
                    pending.append(DemandWalk.Call(file: Int32(f), call: Int32(c), follows: true))
                } else if awaits, call.role.contains(.discardedValue), coroutineNames.contains(summary.hash(call.name)) {
                    pending.append(DemandWalk.Call(file: Int32(f), call: Int32(c), follows: false))
                }
            }
        }
        walk.queuedFiles = summaries.count
        // Each key is resolved once a round, and its callees are walked once a round: a name
        // defined many times (a module repeated in one file) would otherwise make every call to
        // it cost that many steps. One table for both, so a step hashes its key once.
        var memo: [ResolutionKey: DemandWalk.Resolved] = [:]
        while let item = pending.popLast() {
            let call = summaries[Int(item.file)].calls[Int(item.call)]
            let key = cacheKey(call, in: item.file)
            let callees: [FunctionRef]
            if let known = memo.index(forKey: key) {
                let resolved = memo.values[known]
                if resolved.unsettled { walk.unsettled.append(item) }
                guard item.follows && !resolved.followed else { continue }
                memo.values[known].followed = true
                callees = resolved.callees
            } else {
                // A file the resolution needs and that is not loaded makes it unsettled: it is
                // resolved again next round.
                let before = demand.events
                callees = resolve(call, in: item.file)
                let unsettled = demand.events != before
                memo[key] = DemandWalk.Resolved(callees: callees, unsettled: unsettled, followed: item.follows)
                if unsettled { walk.unsettled.append(item) }
                guard item.follows else { continue }
            }
            for callee in callees where !function(callee).isAsync && walk.visited.insert(callee).inserted {
                // Its own body or the user's marks settle it: what its calls lead to cannot change
                // it, and its chain (a direct one) ends at its own call.
                // (Unless a file not loaded yet may declare what makes its blocking call the
                // project's own: then the verdict may change, and its calls may matter.)
                let mayBeShadowed = demandShadowingDeclarations(of: callee)
                if ownVerdict(callee) != nil && !mayBeShadowed { continue }
                for next in propagatingCalls(of: callee) {
                    pending.append(DemandWalk.Call(file: callee.file, call: next, follows: true))
                }
            }
        }
        var wanted = demand.files
        if coroutineCallers && awaits { wanted.formUnion(self.coroutineCallers.files()) }
        return wanted.subtracting(loaded).sorted()
    }

    private mutating func propagatingCalls(of function: FunctionRef) -> [Int32] {
        if walk.callsOf[function.file] == nil {
            var calls: [Int32: [Int32]] = [:]
            for (c, call) in summaries[Int(function.file)].calls.enumerated() where call.caller >= 0 && call.role.contains(.propagates) {
                calls[call.caller, default: []].append(Int32(c))
            }
            walk.callsOf[function.file] = calls
        }
        return walk.callsOf[function.file]?[function.function] ?? []
    }

    /// Asks for the unparsed modules a qualified name may be resolved through: those it starts
    /// with that may define (`def`, `class`) or import the name's next part or its last one. A
    /// class called as a constructor (`methods.SendMessage(...)`) thus loads the package that
    /// re-exports it but not the module that defines it.
    ///
    /// With `calling`, the name is that of a called function (`resolvePython`), which reads only
    /// the longest module it starts with (an index of every file stops there too): that module
    /// is asked for when it may define or import the function (a class is no function: the call
    /// constructs it) or, for `module.Class.method`, the next part; a shorter one only when it
    /// may define a class named by its next part (a method's qualified name runs through it).
    func demandPythonModules(containing qualified: String, calling: Bool = false) {
        guard !universe.pythonModules.isEmpty else { return }
        var text = qualified
        text.withUTF8 { bytes in
            // A module can only end at a dot: a name without one runs through none.
            var dots = 0
            for byte in bytes where byte == UInt8(ascii: ".") { dots += 1 }
            guard dots > 0 else { return }
            // The modules the name runs through, shortest first: where each ends, its hash,
            // the hash of the part after it, and whether that part is the last. On the stack
            // (this runs for every name resolved): the files are looked up again below.
            withUnsafeTemporaryAllocation(of: ModulePrefix.self, capacity: dots) { prefixes in
                var count = 0
                var full = WordHash.seed, part = WordHash.seed
                var open: Int?   // the entry of `prefixes` whose next part is being read
                for (i, byte) in bytes.enumerated() {
                    if byte == UInt8(ascii: ".") {
                        if let k = open { prefixes[k].next = part; prefixes[k].single = false; open = nil }
                        if moduleFiles(hash: full, name: UnsafeBufferPointer(rebasing: bytes[..<i])) != nil {
                            (prefixes.baseAddress! + count).initialize(to: ModulePrefix(end: i, hash: full, next: WordHash.seed, single: true))
                            open = count
                            count += 1
                        }
                        part = WordHash.seed
                    } else {
                        part = WordHash.step(part, byte)
                    }
                    full = WordHash.step(full, byte)
                }
                if let k = open { prefixes[k].next = part }
                let last = part
                // From the longest prefix to the shortest.
                for k in stride(from: count - 1, through: 0, by: -1) {
                    let prefix = prefixes[k]
                    let longest = k == count - 1
                    let files = moduleFiles(hash: prefix.hash, name: UnsafeBufferPointer(rebasing: bytes[..<prefix.end])) ?? []
                    for file in files where !loaded.contains(file) {
                        if let scanned = universe.pythonFiles[file] {
                            let next = prefix.next
                            let mayMatter: Bool
                            if calling && !longest {
                                mayMatter = scanned.mayDefineClass(hash: next)
                            } else if calling && prefix.single {
                                // A function, or a class whose `__init__` the call runs.
                                mayMatter = scanned.mayDefineCallable(hash: next)
                                    || (scanned.mayDefineClass(hash: next) && scanned.mayDefineCallable(hash: Self.initializerHash))
                            } else {
                                // `deps.http.get(...)`: also a value the module assigns (a client
                                // made at module level, whose type its summary records).
                                mayMatter = scanned.mayDefine(hash: next) || scanned.mayDefine(hash: last)
                                    || (calling && scanned.mayAssign(hash: next))
                            }
                            if !mayMatter { continue }
                        }
                        demand.need(file)
                    }
                }
            }
        }
    }

    /// `WordHash` of `__init__`: a constructor call runs it.
    static let initializerHash = WordHash.of("__init__")

    /// A module a qualified name starts with (`demandPythonModules`).
    private struct ModulePrefix {
        /// The dot after it.
        var end: Int
        var hash: UInt64
        /// `WordHash` of the part after it.
        var next: UInt64
        /// That part is the name's last.
        var single: Bool
    }

    /// The files of a module, by its name's hash once the universe is finished, else by its text.
    private func moduleFiles(hash: UInt64, name: UnsafeBufferPointer<UInt8>) -> [Int32]? {
        if !universe.pythonModulesByHash.isEmpty { return universe.pythonModulesByHash[hash] }
        return universe.pythonModules[String(decoding: name, as: UTF8.self)]
    }

    /// A bare `name(…)`: a free function of that name, or (made in a type) a method of that
    /// type, which only a file that declares it in that type's body can hold; either must
    /// accept the call's labels. A read (`getters`) asks only for getters, a call only for
    /// functions.
    func demandSwiftFunctions(named name: String, enclosingType: String?, arguments: SwiftCallLabels, getters: Bool) {
        guard let files = (getters ? universe.swiftGetterFiles : universe.swiftFunctionFiles)[name] else { return }
        let type = enclosingType.map(Self.lastPart)
        let typeFiles = type.flatMap { universe.swiftTypeFiles[$0] }
        let freeKey = SwiftDeclarationScan.freeKey(name: name)
        let memberKey = type.map { SwiftDeclarationScan.memberKey(type: $0, name: name) }
        for file in files where !loaded.contains(file) {
            let asMember = memberKey.map {
                typeFiles?.contains(file) == true && mayDeclareMember($0, accepting: arguments, getters: getters, in: file)
            }
            if mayDeclare(freeKey, accepting: arguments, getters: getters, in: file) || asMember == true { demand.need(file) }
        }
    }

    /// `Type.name(…)`: only a file that declares the member in the type's body, with parameters
    /// that accept the call's labels, can hold it (a getter for a read, a function for a call).
    func demandSwiftMembers(of type: String, named name: String, arguments: SwiftCallLabels, getters: Bool) {
        let last = Self.lastPart(type)
        guard let files = (getters ? universe.swiftGetterFiles : universe.swiftFunctionFiles)[name],
              let typeFiles = universe.swiftTypeFiles[last] else { return }
        let key = SwiftDeclarationScan.memberKey(type: last, name: name)
        for file in files where !loaded.contains(file) && typeFiles.contains(file)
            && mayDeclareMember(key, accepting: arguments, getters: getters, in: file) {
            demand.need(file)
        }
    }

    /// Asks for the unparsed files of the function's module that may declare what would make
    /// a blocking call of it the project's own (`firstBlockingCall`, which weighs only the
    /// module's declarations, as `FileSummary.declares` makes them): a free function of that
    /// name (not a getter, not a method), or a type of that name declared, not extended (an
    /// `extension String` makes no `String` of the project's). Whether one was asked for.
    func demandShadowingDeclarations(of ref: FunctionRef) -> Bool {
        let f = function(ref)
        guard let first = f.directBlocking, first.isShadowable else { return false }
        let summary = summaries[Int(ref.file)]
        var asked = false
        for call in [first] + (summary.laterBlocking[ref.function] ?? []) {
            guard let declaration = summary.shadowingDeclaration(call) else { break }
            let files: [Int32]
            var key: UInt64?
            switch declaration {
            case .function(let name):
                files = universe.swiftFunctionFiles[name] ?? []
                key = SwiftDeclarationScan.freeKey(name: name)
            case .type(let name):
                files = universe.swiftFilesDeclaring(type: name)
            }
            for file in files where !loaded.contains(file) && universe.swiftFileModules[file] == summary.module
                && key.map({ mayDeclareAny($0, in: file) }) != false {
                demand.need(file)
                asked = true
            }
        }
        return asked
    }

    /// Whether an unparsed file may declare a function (not a getter) under `key`, whatever its
    /// parameters.
    private func mayDeclareAny(_ key: UInt64, in file: Int32) -> Bool {
        guard let signatures = universe.swiftFileSignatures[file] else { return true }
        var k = SortedHashes.firstIndex(notBelow: key, count: signatures.count) { signatures[$0].key }
        while k < signatures.count && signatures[k].key == key {
            if !signatures[k].isGetter { return true }
            k += 1
        }
        return false
    }

    /// Whether an unparsed file may declare a function (a getter, with `getters`) under `key`
    /// whose parameters accept the call: its declaration walk found one (or one whose
    /// parameters it could not read), or the walk did not read the file.
    private func mayDeclare(_ key: UInt64, accepting arguments: SwiftCallLabels, getters: Bool, in file: Int32) -> Bool {
        guard let signatures = universe.swiftFileSignatures[file] else { return true }
        var k = SortedHashes.firstIndex(notBelow: key, count: signatures.count) { signatures[$0].key }
        while k < signatures.count && signatures[k].key == key {
            defer { k += 1 }
            guard signatures[k].isGetter == getters else { continue }
            guard let parameters = signatures[k].parameters else { return true }
            if arguments.areAccepted(by: parameters) { return true }
        }
        return false
    }

    /// `mayDeclare` for a member, unless the walk could not tell the file's methods' types:
    /// then any of its functions (getters) of the name may be it.
    private func mayDeclareMember(_ key: UInt64, accepting arguments: SwiftCallLabels, getters: Bool, in file: Int32) -> Bool {
        universe.swiftFilesWithUnknownMembers.contains(file) || mayDeclare(key, accepting: arguments, getters: getters, in: file)
    }

    /// The question `filesToLoad(coroutineCallers: true)` asks, as a value the driver can answer
    /// on another core while the first round's files are parsed.
    public var coroutineCallers: CoroutineCallers {
        CoroutineCallers(summaries: summaries, universe: universe, loaded: loaded)
    }

    static func lastPart(_ qualified: String) -> String {
        // On UTF-8 code units: a dot is one, and Character-wise search is far slower.
        qualified.utf8.lastIndex(of: UInt8(ascii: ".")).map { String(qualified[qualified.utf8.index(after: $0)...]) } ?? qualified
    }

    static func joined(_ module: String, _ name: String) -> String {
        module.isEmpty ? name : module + "." + name
    }

    /// `a`, `a.b`, `a.b.c` for `a.b.c`.
    static func forEachPrefix(of qualified: String, _ body: (String) -> Void) {
        var index = qualified.startIndex
        while let dot = qualified.utf8[index...].firstIndex(of: UInt8(ascii: ".")) {
            body(String(qualified[..<dot]))
            index = qualified.utf8.index(after: dot)
        }
        body(qualified)
    }
}

extension CoroutineCallers {
    /// The question for an index that would be built from these summaries (what
    /// `ProjectIndex.coroutineCallers` asks), before the index exists: the driver answers it
    /// on another core while the first index is built.
    public init(summaries: [FileSummary], universe: ProjectUniverse) {
        self.init(summaries: summaries, universe: universe, loaded: Set(summaries.map(\.sourceIndex)))
    }
}

/// AL202 from files not parsed: which of them may call a project coroutine function as a
/// statement. A pure function of the summaries at hand and the scans.
public struct CoroutineCallers: Sendable {
    let summaries: [FileSummary]
    let universe: ProjectUniverse
    let loaded: Set<Int32>

    /// Unparsed Python files that may call a project coroutine function as a statement: those
    /// with an import through which a coroutine function can be named (`CoroutineNames`) and
    /// that hold a name it would be called by as a word, and those with a class that inherits a
    /// coroutine method (by class name) and hold the method's name. Approximations only ever
    /// add files. Names are compared by their hashes (`DottedName`), made for the unparsed
    /// files on the workers that scanned them.
    public func files() -> [Int32] {
        guard !universe.pythonFiles.isEmpty else { return [] }
        var coroutines: [DottedName] = []
        var methodsByClass: [ClassKey: Set<UInt64>] = [:]
        for summary in summaries where summary.language == .python {
            for function in summary.functions where function.isCoroutine {
                coroutines.append(DottedName(summary.string(function.qualifiedName)))
                if let owner = function.owner {
                    methodsByClass[DottedName(summary.string(owner)).classKey, default: []]
                        .insert(WordHash.of(summary.string(function.name)))
                }
            }
        }
        if coroutines.isEmpty { return [] }
        let edges = importEdges()
        let names = CoroutineNames(coroutines: coroutines, edges: edges)
        let inherited = inheritedMethods(methodsByClass, edges: edges)
        // Some 5,000 unparsed files, with hundreds of thousands of statement calls, bindings and
        // class headers between them, nearly all of which are in no table: a bit per hash
        // answers most of them before a table is hashed into.
        var inheritedLastNames = HashFilter()
        for cls in inherited.keys { inheritedLastNames.insert(cls.last) }
        var wanted: [Int32] = []
        for (file, scanned) in universe.pythonFiles where !loaded.contains(file) {
            // `a.b.fetch(` written through any import: the last two names are a known pair.
            var importsOne = scanned.statementCalls.contains(where: names.isPair)
            if !importsOne {
                importsOne = scanned.bindings.contains { binding in
                    if binding.isStar {
                        // The names below the module are bound: they are called bare.
                        return names.children(of: binding.target.full)?.contains { scanned.mayCallAsStatement(hash: $0) } ?? false
                    }
                    // `fetch()` after `from m import fetch`.
                    if names.isCoroutine(binding.target) && scanned.mayCallAsStatement(hash: binding.bound) { return true }
                    // `m.fetch()` after `import pkg.m as m`.
                    return names.children(of: binding.target.full)?.contains {
                        scanned.mayCallAsStatement(hash: WordHash.pair(binding.bound, $0))
                    } ?? false
                }
            }
            let inheritsOne = !importsOne && scanned.classes.contains { cls in
                guard inheritedLastNames.mayContain(cls.key.last) else { return false }
                return inherited[cls.key]?.contains { method in
                    scanned.mayCallAsStatement(hash: WordHash.pair(Self.selfWord, method))
                        || scanned.mayCallAsStatement(hash: WordHash.pair(Self.clsWord, method))
                } ?? false
            }
            if importsOne || inheritsOne { wanted.append(file) }
        }
        return wanted.sorted()
    }

    /// `from … import` bindings of every module (`mod.name` → what it names): how resolution
    /// follows a module's imports. Module aliases (`import asyncio` in a module makes
    /// `mod.asyncio.sleep` resolve) are left out: nobody calls a function that way, and every
    /// module that imports asyncio would otherwise lead to all of its coroutines.
    private func importEdges() -> [(alias: DottedName, target: DottedName)] {
        var edges: [(alias: DottedName, target: DottedName)] = []
        // Sized up front: some 50,000 edges of 80 bytes, built while the first round's files
        // are parsed (the run's peak memory), and doubling left up to half of them as slack.
        var count = 0
        for summary in summaries where summary.language == .python { count += summary.moduleImports.count }
        for scanned in universe.pythonFiles.values {
            for binding in scanned.bindings where binding.fromImport && !binding.isStar { count += 1 }
        }
        edges.reserveCapacity(count)
        for summary in summaries where summary.language == .python {
            // `module.bound`, hashed on from the module's hasher without making the string.
            var module = summary.module
            let moduleHasher = module.withUTF8 { bytes in
                var hasher = DottedNameHasher()
                hasher.feed(bytes)
                return hasher
            }
            // The same id is the same text: `import x` binds x to x.
            for (bound, target) in summary.moduleImports where bound != target {
                var alias = moduleHasher
                if alias.count > 0 { alias.feed(UInt8(ascii: ".")) }
                var name = summary.string(bound)
                name.withUTF8 { alias.feed($0) }
                edges.append((alias.name, DottedName(summary.string(target))))
            }
        }
        for scanned in universe.pythonFiles.values {
            for binding in scanned.bindings where binding.fromImport && !binding.isStar {
                edges.append((binding.alias(in: scanned.module), binding.target))
            }
        }
        return edges
    }

    /// Coroutine methods (`WordHash` of the name) by class (`ClassKey`), inherited along the
    /// bases of the summarized classes (their qualified names) and of the unparsed files' class
    /// headers (as far as their imports tell), and along the re-exports of a class by another
    /// package or under another name (`from other.impl import Base as PublicBase`: what
    /// `ProjectIndex.resolvedClassName` follows), as if the re-export were a subclass.
    private func inheritedMethods(_ methodsByClass: [ClassKey: Set<UInt64>],
                                  edges: [(alias: DottedName, target: DottedName)]) -> [ClassKey: [UInt64]] {
        // (base, subclass) pairs: tens of thousands of class headers, in one flat array (a
        // dictionary of arrays was far dearer).
        var pairs: [(base: ClassKey, subclass: ClassKey)] = []
        var count = 0
        for summary in summaries where summary.language == .python { for cls in summary.classes { count += cls.bases.count } }
        for scanned in universe.pythonFiles.values { for cls in scanned.classes { count += cls.bases.count } }
        pairs.reserveCapacity(count)
        for summary in summaries where summary.language == .python {
            for cls in summary.classes {
                let key = DottedName(summary.string(cls.qualifiedName)).classKey
                for base in cls.bases { pairs.append((DottedName(summary.string(base)).classKey, key)) }
            }
        }
        for scanned in universe.pythonFiles.values {
            for cls in scanned.classes {
                for base in cls.bases { pairs.append((base, cls.key)) }
            }
        }
        // The pairs in the order of their base's last name and then its qualified name (a loose
        // base, 0, first among those of its last name): the walk below looks up the bases a
        // class may be, which are those of its exact key and the loose ones of its last name.
        // Looking at every base of the last name instead went through some 620,000 pairs on the
        // Python corpus to pass methods along 45,000 (many classes share a last name:
        // `TestCase`, `Protocol`, `Client`).
        let pairOrder = Self.order(count: pairs.count) { pairs[$0].base }
        // Down the class graph from the classes that define coroutine methods; a class is
        // visited again only when it gains a method, so the walk ends. The methods are sorted
        // arrays: a union is a merge (most add nothing, and are one pass without a write),
        // where a set hashed every element again.
        var methods = methodsByClass.mapValues { $0.sorted() }
        // In key order: the walk's answer does not depend on the order, but its length does
        // (a class passed a method before it gains its own is visited twice), and a run's
        // cost should not vary with the dictionary's seed.
        var pending = methodsByClass.keys.sorted(by: >)   // popped from the end
        func pass(_ inherited: [UInt64], to sub: ClassKey) {
            guard let had = methods[sub] else {
                methods[sub] = inherited
                pending.append(sub)
                return
            }
            if SortedHashes.contains(had, allOf: inherited) { return }
            methods[sub] = SortedHashes.merged(had, inherited)
            pending.append(sub)
        }
        // The re-exports (edges) in the same order of what they re-export.
        let edgeOrder = Self.order(count: edges.count) { edges[$0].target.classKey }
        while let cls = pending.popLast() {
            guard let inherited = methods[cls] else { continue }
            Self.forEachPosition(naming: cls, count: pairOrder.count, key: { pairs[Int(pairOrder[$0])].base }) {
                pass(inherited, to: pairs[Int(pairOrder[$0])].subclass)
            }
            // A re-export is a subclass of what it re-exports (a target whose qualified name hashed
            // to 0 is loose, as a class header's: that can only ask for a file more).
            Self.forEachPosition(naming: cls, count: edgeOrder.count, key: { edges[Int(edgeOrder[$0])].target.classKey }) {
                let alias = edges[Int(edgeOrder[$0])].alias.classKey
                if alias != cls { pass(inherited, to: alias) }
            }
        }
        return methods
    }

    static let selfWord = WordHash.of("self")
    static let clsWord = WordHash.of("cls")

    /// Positions `0..<count` in the order of their keys (`ClassKey`'s): `HashGroups.scatter` by
    /// the last name, then each bucket sorted, mostly one or two positions. A sort of the
    /// positions that compared through the keys took 7 ms for the 53,000 re-exports of the
    /// Python corpus. 4 bytes a position (this runs beside the first index build, the run's
    /// peak memory).
    static func order(count: Int, key: (Int) -> ClassKey) -> [Int32] {
        let buckets = HashGroups.scatter(count: count) { key($0).last }
        var order = buckets.positions
        for b in 0..<(buckets.starts.count - 1) where buckets.starts[b + 1] - buckets.starts[b] > 1 {
            order[Int(buckets.starts[b])..<Int(buckets.starts[b + 1])].sort { key(Int($0)) < key(Int($1)) }
        }
        return order
    }

    /// Calls `body` with each of the positions `0..<count`, whose keys (`key(position)`) are in
    /// order (`order`), that may name `cls`: for a loose class, every key of its last name;
    /// else the loose keys of its last name and the keys equal to its own.
    ///
    /// One binary search over all positions finds the last name's run (most classes head none);
    /// the rest search within the run, a few positions mostly: a search over all of them for
    /// each bound cost more than the walk's other work.
    static func forEachPosition(naming cls: ClassKey, count: Int, key: (Int) -> ClassKey, _ body: (Int) -> Void) {
        /// The first position in `lo..<hi` whose key is not below `bound`.
        func firstIndex(_ lo: Int, _ hi: Int, notBelow bound: ClassKey) -> Int {
            var lo = lo, hi = hi
            while lo < hi {
                let mid = (lo + hi) / 2
                if key(mid) < bound { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let start = firstIndex(0, count, notBelow: .anyClass(named: cls.last))
        guard start < count, key(start).last == cls.last else { return }
        // The run's end: doubling steps from its start, then a search within the last step.
        var inRun = start, probe = start + 1, step = 1
        while probe < count, key(probe).last == cls.last {
            inRun = probe
            step *= 2
            probe = start + step
        }
        var lo = inRun + 1, hi = min(probe, count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(mid).last == cls.last { lo = mid + 1 } else { hi = mid }
        }
        let endOfRun = lo
        if cls.loose {
            for position in start..<endOfRun { body(position) }
            return
        }
        let afterLoose = firstIndex(start, endOfRun, notBelow: ClassKey(full: 1, last: cls.last))
        for position in start..<afterLoose { body(position) }
        let exactStart = firstIndex(afterLoose, endOfRun, notBelow: cls)
        var position = exactStart
        while position < endOfRun, key(position) == cls {
            body(position)
            position += 1
        }
    }

}

/// Items grouped by a 64-bit key that is a hash already (FNV-1a, `WordHash.pair`): a counting
/// sort into buckets by the key's top bits, two passes over the items and no comparison. A
/// bucket keeps its items in their order, and may hold other keys: compare `keys`.
struct HashGroups {
    private let shift: UInt64
    /// Bucket `b`'s positions are `starts[b]..<starts[b + 1]`.
    /// (32-bit positions and items: the groups are built from tens of thousands of edges and
    /// class headers while the first round's files are parsed, at the run's peak memory.)
    private var starts: [Int32]
    /// Per position: the item and its key.
    private var items: [Int32]
    private var keys: [UInt64]

    /// Items `0..<count` by `key(i)`: no array of pairs is made first.
    init(count: Int, key: (Int) -> UInt64, item: (Int) -> Int = { $0 }) {
        let buckets = Self.scatter(count: count, key: key)
        shift = buckets.shift
        starts = buckets.starts
        items = buckets.positions.map { Int32(truncatingIfNeeded: item(Int($0))) }
        keys = buckets.positions.map { key(Int($0)) }
    }

    /// The counting sort: positions `0..<count` by their key's top bits (one bucket a position,
    /// rounded up to a power of two), each bucket's in increasing order. Bucket `b` is
    /// `positions[starts[b]..<starts[b + 1]]`; a position's bucket is `key >> shift`.
    static func scatter(count: Int, key: (Int) -> UInt64) -> (shift: UInt64, starts: [Int32], positions: [Int32]) {
        var bits = 1
        while 1 << bits < count { bits += 1 }
        let shift = UInt64(64 - bits)
        // First where each bucket ends (the last entry, `count`, stays); placing the positions
        // from the last down moves each bucket's entry to its start.
        var starts = [Int32](repeating: 0, count: (1 << bits) + 1)
        for i in 0..<count { starts[Int(key(i) >> shift)] += 1 }
        var total: Int32 = 0
        for b in starts.indices {
            total += starts[b]
            starts[b] = total
        }
        var positions = [Int32](repeating: 0, count: count)
        for i in stride(from: count - 1, through: 0, by: -1) {
            let b = Int(key(i) >> shift)
            starts[b] -= 1
            positions[Int(starts[b])] = Int32(i)
        }
        return (shift, starts, positions)
    }

    /// Calls `body` with each item whose key is `key`, in the items' order.
    func forEachItem(withKey key: UInt64, _ body: (Int) -> Void) {
        let b = Int(key >> shift)
        for p in Int(starts[b])..<Int(starts[b + 1]) where keys[p] == key { body(Int(items[p])) }
    }
}

/// How a call must be written to reach a project coroutine function, the way `ProjectIndex`
/// resolves Python names (`imported name + what is written after it`, following other modules'
/// `from … import`). A call is known by its last two names (`SourceScan.statementCalls`):
/// `client.fetch(` for `pkg.client.fetch`, `Client.close(` for a method, `web.run(` when a
/// module re-exports the module or class as `web`, and, for a name bound by the file's own
/// import, that name (`aio.sleep(` after `import asyncio as aio`, `fetch(` after `from m import
/// fetch`).
struct CoroutineNames {
    /// Per module or class (and each name another module imports it as), by `DottedName.full`:
    /// the last names (`WordHash`) of the coroutine functions in it.
    private var children: [UInt64: Set<UInt64>] = [:]
    /// `WordHash.pair` of a container's last name and a coroutine's name in it.
    private var pairs: Set<UInt64> = []
    /// The keys of `children` and the `pairs`, a bit each (see `HashFilter`).
    private var childrenFilter = HashFilter(), pairsFilter = HashFilter()

    init(coroutines: [DottedName], edges: [(alias: DottedName, target: DottedName)]) {
        /// Each container's last name, for `pairs`.
        var lastNames: [UInt64: UInt64] = [:]
        for name in coroutines where name.hasParent {
            children[name.parent, default: []].insert(name.last)
            lastNames[name.parent] = name.parentLast
        }
        // `from .client import fetch as get` in `pkg` makes `pkg.get` a coroutine function too,
        // and `from aiohttp import web` in `m` makes `m.web` hold what `aiohttp.web` holds. A
        // worklist over the containers that gained names follows chains of re-exports; only the
        // edges that lead from such a container are looked at.
        // The edges by target and by the target's parent (tens of thousands of edges, of which
        // the walk looks at a few: grouping them is far cheaper than a dictionary of arrays or
        // a sort).
        // (Grouped straight from the edges, with no array of (key, item) pairs made first: this
        // runs beside the first index build, the run's peak memory, and the pairs were 16 bytes
        // an edge.)
        let targets = HashGroups(count: edges.count, key: { edges[$0].target.full })
        var withParent: [Int32] = []
        withParent.reserveCapacity(edges.count)
        for (e, edge) in edges.enumerated() where edge.target.hasParent { withParent.append(Int32(e)) }
        let targetParents = HashGroups(count: withParent.count, key: { edges[Int(withParent[$0])].target.parent },
                                       item: { Int(withParent[$0]) })
        withParent = []
        var pending = Array(children.keys)
        var steps = 0
        while let container = pending.popLast(), steps < 1_000_000 {
            steps += 1
            guard let held = children[container] else { continue }
            targets.forEachItem(withKey: container) { e in
                let alias = edges[e].alias
                let before = children[alias.full]?.count ?? 0
                children[alias.full, default: []].formUnion(held)
                lastNames[alias.full] = alias.last
                if children[alias.full]!.count != before { pending.append(alias.full) }
            }
            targetParents.forEachItem(withKey: container) { e in
                guard held.contains(edges[e].target.last) else { return }
                let alias = edges[e].alias
                guard alias.hasParent else { return }
                lastNames[alias.parent] = alias.parentLast
                if children[alias.parent, default: []].insert(alias.last).inserted { pending.append(alias.parent) }
            }
        }
        for (container, names) in children {
            let last = lastNames[container] ?? container
            for name in names { pairs.insert(WordHash.pair(last, name)) }
            childrenFilter.insert(container)
        }
        for pair in pairs { pairsFilter.insert(pair) }
    }

    /// The coroutine functions' last names in a module or class (by `DottedName.full`), if any.
    func children(of container: UInt64) -> Set<UInt64>? {
        childrenFilter.mayContain(container) ? children[container] : nil
    }

    /// Whether `WordHash.pair` of a container's last name and a name is that of a coroutine.
    func isPair(_ hash: UInt64) -> Bool {
        pairsFilter.mayContain(hash) && pairs.contains(hash)
    }

    /// Whether the qualified name is (an alias of) a coroutine function.
    func isCoroutine(_ name: DottedName) -> Bool {
        name.hasParent && children(of: name.parent)?.contains(name.last) ?? false
    }
}

/// A set of 64-bit hashes that may answer "yes" for a hash it does not hold, never "no" for one
/// it holds: one bit of 65,536 (8 KB) a hash, chosen by the hash's bits mixed by a multiply.
/// In front of a `Set` that most questions miss, it spares hashing the question into the set.
struct HashFilter {
    private var bits = [UInt64](repeating: 0, count: 1024)

    @inline(__always) private static func bit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 48)
    }

    mutating func insert(_ hash: UInt64) {
        let bit = Self.bit(hash)
        bits[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    @inline(__always) func mayContain(_ hash: UInt64) -> Bool {
        let bit = Self.bit(hash)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}

/// Sorted arrays of 64-bit hashes (`WordHash`) used as sets: the scans make thousands of small
/// ones on the workers, where a `Set` hashed every value again and was a heap block more.
enum SortedHashes {
    /// The values of two sorted arrays without repeats, sorted and without repeats.
    static func merged(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var merged: [UInt64] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let next: UInt64
            if j == b.count || (i < a.count && a[i] <= b[j]) {
                next = a[i]
                i += 1
            } else {
                next = b[j]
                j += 1
            }
            if merged.last != next { merged.append(next) }
        }
        return merged
    }

    /// The values sorted, each once.
    static func unique(_ values: [UInt64]) -> [UInt64] {
        var values = values
        values.sort()
        // In place: the first `kept` values are the unique ones so far.
        var kept = 0
        for value in values where kept == 0 || values[kept - 1] != value {
            values[kept] = value
            kept += 1
        }
        values.removeLast(values.count - kept)
        return values
    }

    /// Whether the sorted array holds the value.
    static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
        let k = firstIndex(notBelow: value, count: sorted.count) { sorted[$0] }
        return k < sorted.count && sorted[k] == value
    }

    /// A binary search: the first of the positions `0..<count`, whose keys (`key(position)`)
    /// are sorted, with a key not below `value`; `count` when there is none.
    @inline(__always) static func firstIndex(notBelow value: UInt64, count: Int, key: (Int) -> UInt64) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(mid) < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether every value of the sorted `values` is in the sorted `set`.
    static func contains(_ set: [UInt64], allOf values: [UInt64]) -> Bool {
        guard values.count <= set.count else { return false }
        var k = 0
        for value in values {
            while k < set.count && set[k] < value { k += 1 }
            guard k < set.count && set[k] == value else { return false }
            k += 1
        }
        return true
    }
}
