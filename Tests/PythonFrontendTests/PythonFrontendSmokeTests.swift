import Testing
@testable import PythonFrontend
