import Testing
@testable import SwiftFrontend
