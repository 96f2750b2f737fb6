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

  public init() {}
}
