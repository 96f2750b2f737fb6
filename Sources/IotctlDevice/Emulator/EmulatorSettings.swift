import IotctlDialect
import IotctlSchema

/// What the emulated platform starts with and how it answers, as the user configured it.
public struct EmulatorSettings: Sendable {
  /// Shared attributes (ThingsBoard) served to attribute requests and pushed on change.
  public var sharedAttributes = JSONObject()
  /// Replies to client-side RPC by method (ThingsBoard); `getSessionLimits` has a built-in answer.
  public var rpcReplies: [String: JSONValue] = [:]
  /// The provisioning outcome (ThingsBoard): `SUCCESS`, `NOT_FOUND` or `FAILURE`.
  public var provisionResult = "SUCCESS"
  /// Endpoint metadata (Kaa).
  public var metadata = JSONObject()
  /// The configuration served to configuration requests (Kaa cmx, Xyte config).
  public var configuration: JSONValue?
  /// The software specification served to OTA requests (Kaa cmx_ota), with its version as the config id.
  public var otaConfiguration: JSONValue?
  public var otaVersion = "1.0.0"
  /// The config package EdgeIQ's send_config_v3 points to.
  public var configURL = "https://emulator.invalid/app_config.zip"
  public var configMD5 = "d41d8cd98f00b204e9800998ecf8427e"
  /// The company id an EdgeIQ escrow answer carries.
  public var escrowCompanyID = "escrow-company"
  /// The firmware image ThingsBoard serves in chunks, announced in the `fw_*` shared attributes.
  public var firmware: Firmware?

  public init() {}
}

/// A firmware package as ThingsBoard assigns it to a device.
public struct Firmware: Sendable {
  public var title: String
  public var version: String
  public var bytes: [UInt8]
  public var algorithm: ChecksumAlgorithm
  /// Set for a URL package: devices download from here instead of over v2/fw chunks.
  public var url: String?

  public init(title: String, version: String, bytes: [UInt8], algorithm: ChecksumAlgorithm, url: String? = nil) {
    self.title = title
    self.version = version
    self.bytes = bytes
    self.algorithm = algorithm
    self.url = url
  }

  /// The shared attributes that announce this package, named as the dialect's firmware verb reads them
  /// from a push (each field's one-level pointer: ThingsBoard's `fw_title`, `fw_version`, `fw_size`,
  /// `fw_checksum_algorithm`, `fw_checksum`, and `fw_url` for a URL package).
  public func announcement(for verb: FirmwareVerb?) -> [(String, JSONValue)] {
    guard let verb else { return [] }
    let values: [(FirmwareVerb.Field, JSONValue?)] = [
      (.title, .string(title)), (.version, .string(version)), (.size, .number(JSONNumber(bytes.count))),
      (.algorithm, .string(algorithm.rawValue)), (.checksum, .string(algorithm.hexDigest(bytes))), (.url, url.map(JSONValue.string)),
    ]
    return values.compactMap { field, value in
      guard let value, let key = verb.fields[field]?.first(where: { $0.tokens.count == 1 })?.tokens[0] else { return nil }
      return (key, value)
    }
  }
}
