import IotctlDialect
import IotctlSchema

/// The built-in scenarios and the schema every scenario is checked against.
public enum ScenarioCatalog {
  /// The schema of a scenario file.
  public static let schemaDocument: JSONValue = {
    // Embedded at build time and checked by the tests; it cannot fail to parse.
    (try? JSONParser.parse(PackageResources.scenario_schema_json)) ?? .null
  }()

  /// The compiled schema; the tests check that it compiles.
  static let schema: JSONSchema? = try? JSONSchema(schemaDocument)

  /// The built-in scenarios, by name: the document and its description.
  public static let builtIn: [(name: String, document: JSONValue)] = [
    ("thermostat", PackageResources.thermostat_json),
    ("sensor", PackageResources.sensor_json),
    ("kaa-endpoint", PackageResources.kaa_endpoint_json),
    ("tb-firmware", PackageResources.tb_firmware_json),
  ].map { name, bytes in (name, (try? JSONParser.parse(bytes)) ?? .null) }

  /// The built-in scenario `name`, or the scenario file at `name`.
  public static func load(_ name: String) throws(DeviceError) -> Scenario {
    if let builtIn = builtIn.first(where: { $0.name == name }) {
      return try Scenario(builtIn.document, source: name, base: ".")
    }
    guard name.contains("/") || name.hasSuffix(".json") else {
      let names = builtIn.map(\.name).joined(separator: ", ")
      throw DeviceError(.usage, "no built-in scenario '\(name)' (they are: \(names)); give a scenario file path")
    }
    let bytes: [UInt8]
    do { bytes = try FileContents.read(name, limit: FileContents.largestDocument, regularOnly: false) } catch {
      throw DeviceError(.input, "cannot read scenario '\(name)': \(error.reason)")
    }
    let document: JSONValue
    do { document = try JSONParser.parse(bytes) } catch {
      throw DeviceError(.input, "scenario '\(name)' is not JSON: \(error)")
    }
    let directory = name.contains("/") ? String(name[..<name.lastIndex(of: "/")!]) : "."
    return try Scenario(document, source: name, base: directory.isEmpty ? "/" : directory)
  }
}
