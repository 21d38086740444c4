#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One environment variable, read with `getenv`: `ProcessInfo.environment` copies the whole
/// environment into a dictionary on every call, a measurable part of a one-file check.
public func environmentVariable(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}
