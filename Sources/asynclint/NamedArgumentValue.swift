import ArgumentParser

/// An option's value that is one of a few names (`--format json`, `--color never`).
///
/// ArgumentParser's defaults for such a type make each name through a key path and string
/// interpolation, and ask for the names many times while parsing one command line: about a tenth
/// of a one-file check's instructions. The raw values are the names, so they are handed over as
/// they are.
protocol NamedArgumentValue: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension NamedArgumentValue {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    /// No name has a description of its own (ArgumentParser lists only those that differ).
    public static var allValueDescriptions: [String: String] { [:] }
    public var defaultValueDescription: String { rawValue }
}
