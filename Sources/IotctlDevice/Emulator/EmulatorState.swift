import IotctlDialect
import IotctlSchema

/// What the emulated platform remembers between messages.
struct EmulatorState {
  var shared: JSONObject
  var client = JSONObject()
  var metadata: JSONObject
  /// Pending commands by command type (Kaa), each `{id, payload}`.
  var pendingCommands: [String: [JSONValue]] = [:]
  var nextCommandID = 1
  var configuration: JSONValue?
  var otaConfiguration: JSONValue?
  /// Xyte: the next pending command, the licenses and the latest firmware, re-published on `get`.
  var pendingCommand: JSONValue?
  var licenses: [JSONValue] = []
  var latestFirmware: JSONValue?
  /// The chunk size each firmware request id asked for first; later requests without a size reuse it.
  var chunkSizes: [String: Int] = [:]
  /// Kaa: the response topics of command requests that asked to observe, by command type (RFC 0011).
  var commandObservers: [String: [String]] = [:]

  init(_ settings: EmulatorSettings, firmwareVerb: FirmwareVerb?) {
    shared = settings.sharedAttributes
    for (key, value) in settings.firmware?.announcement(for: firmwareVerb) ?? [] { shared[key] = value }
    metadata = settings.metadata
    configuration = settings.configuration
    otaConfiguration = settings.otaConfiguration
  }

  /// Applies a shared-attribute update as ThingsBoard pushes it: values set, `deleted` keys removed.
  mutating func applySharedUpdate(_ update: JSONValue) {
    for (key, value) in update.objectValue?.members ?? [] {
      if key == "deleted" {
        for name in value.arrayValue?.compactMap(\.stringValue) ?? [] { shared[name] = nil }
      } else {
        shared[key] = value
      }
    }
  }

  /// A stable id for a configuration: its hash, as Kaa's ids look.
  static func configurationID(_ value: JSONValue) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in value.jsonBytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
