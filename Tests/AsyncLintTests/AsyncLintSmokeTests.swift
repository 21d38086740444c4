import Testing
@testable import AsyncLint
