import Foundation
import IotctlSchema
import Testing

/// Runs the official JSON Schema Test Suite (drafts 4, 6 and 7) from the shared folder beside the checkout;
/// remote references resolve to its `remotes/` folder, never to the network.
@Suite struct JSONSchemaTestSuiteTests {
  /// The suite's folder: `$JSON_SCHEMA_TEST_SUITE`, or `shared/json-schema-test-suite` in the nearest ancestor
  /// of this package that has one.
  static let suiteDirectory: URL? = {
    if let path = ProcessInfo.processInfo.environment["JSON_SCHEMA_TEST_SUITE"] { return URL(fileURLWithPath: path) }
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("shared/json-schema-test-suite")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("draft7").path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return nil
  }()

  static func resources(_ suite: URL) -> SchemaResources {
    let remotes = suite.appendingPathComponent("remotes")
    return SchemaResources { uri in
      let prefix = "http://localhost:1234/"
      guard uri.hasPrefix(prefix) else { return nil }
      let file = remotes.appendingPathComponent(String(uri.dropFirst(prefix.count)))
      guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
      return try? JSONParser.parse(Array(data))
    }
  }

  @Test(arguments: SchemaDraft.allCases)
  func passesEveryRequiredTest(draft: SchemaDraft) throws {
    let suite = try #require(Self.suiteDirectory, "the JSON Schema Test Suite is not beside the checkout")
    let folder = suite.appendingPathComponent("draft\(draft.rawValue)")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
    var passed = 0
    var failures: [String] = []
    var declined = 0
    for file in files {
      let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(file).path))
      for group in try #require(JSONParser.parse(Array(data)).arrayValue) {
        let description = group["description"]?.stringValue ?? "?"
        let tests = group["tests"]?.arrayValue ?? []
        let schema: JSONSchema
        do {
          schema = try JSONSchema(try #require(group["schema"]), draft: draft, resources: Self.resources(suite))
        } catch {
          failures.append("\(file) / \(description): schema did not compile: \(error)")
          continue
        }
        for test in tests {
          let expected = test["valid"]?.boolValue
          let data = try #require(test["data"])
          let errors = schema.validate(data)
          // The same instance as text, decided on a tape without building a value: the tape may decline
          // (nil) only for an object key with escapes, and must otherwise agree.
          let text = data.jsonBytes
          var validator = JSONTextValidator(schema)
          let onTape = text.withUnsafeBytes { validator.isValid($0) }
          if onTape == nil { declined += 1 }
          let tapeAgrees = onTape == expected || (onTape == nil && text.contains(UInt8(ascii: "\\")))
          if errors.isEmpty == expected && schema.isValid(data) == expected && tapeAgrees {
            passed += 1
          } else {
            failures.append(
              "\(file) / \(description) / \(test["description"]?.stringValue ?? "?"): expected \(expected == true ? "valid" : "invalid"), got \(errors.map(\.description)), on a tape \(onTape.map(String.init) ?? "declined")")
          }
        }
      }
    }
    print("JSON Schema Test Suite \(draft): \(passed)/\(passed + failures.count) passed, \(declined) declined by the tape")
    #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    #expect(passed > 0)
  }
}
