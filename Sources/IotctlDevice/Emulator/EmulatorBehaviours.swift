import IotctlDialect
import IotctlSchema

/// What the emulated platform sends back for a request.
enum EmulatorAnswer {
  case json(JSONValue)
  case text(String)
  /// A zero-length payload (Kaa's success status).
  case empty
  case bytes([UInt8])
  /// Plain text on the operation's error topic (ThingsBoard's firmware errors).
  case errorText(String)
  /// An error in the platform's own shape, on the operation's error topic.
  case error(statusCode: Int, reason: String)
}

/// The built-in behaviours a profile's operations name with `"emulate"`: the cloud side's logic,
/// written once and bound to operations by data.
extension EmulatorState {
  mutating func answer(
    _ behaviour: EmulatorBehaviour, request: JSONValue?, variables: [String: String], settings: EmulatorSettings,
    maximumChunkSize: Int? = nil
  ) -> EmulatorAnswer? {
    switch behaviour {
    case .chunkServer:
      return chunk(of: settings.firmware, request: request, variables: variables, limit: maximumChunkSize)
    case .emptyStatus:
      return .empty
    case .storeAttributes:
      for (key, value) in request?.objectValue?.members ?? [] { client[key] = value }
      return nil
    case .attributesRequest:
      var reply = JSONObject()
      let clientKeys = Self.keyList(request?["clientKeys"])
      let sharedKeys = Self.keyList(request?["sharedKeys"])
      let pickedClient = Self.pick(client, clientKeys)
      let pickedShared = Self.pick(shared, sharedKeys)
      // ThingsBoard leaves out a section with nothing in it.
      if !pickedClient.isEmpty { reply["client"] = .object(pickedClient) }
      if !pickedShared.isEmpty { reply["shared"] = .object(pickedShared) }
      return .json(.object(reply))
    case .gatewayAttributesRequest:
      var reply = JSONObject()
      reply["id"] = request?["id"] ?? .null
      reply["device"] = request?["device"] ?? .null
      let source = request?["client"]?.boolValue == true ? client : shared
      // ThingsBoard answers one key with "value" (whether asked as "key" or as a one-element "keys") and
      // several with "values".
      let keys = request?["key"]?.stringValue.map { [$0] } ?? request?["keys"]?.arrayValue?.compactMap(\.stringValue)
      if let keys, keys.count == 1 {
        reply["value"] = source[keys[0]] ?? .null
      } else {
        reply["values"] = .object(Self.pick(source, keys))
      }
      return .json(.object(reply))
    case .rpcClient:
      let method = request?["method"]?.stringValue ?? ""
      if let reply = settings.rpcReplies[method] { return .json(reply) }
      if method == "getSessionLimits" {
        return .json([
          "maxPayloadSize": 65536, "maxInflightMessages": 100,
          "rateLimits": ["messages": "200:1,6000:60", "telemetryMessages": "100:1,3000:60", "telemetryDataPoints": "200:1,6000:60"],
        ])
      }
      return .json(["error": .string("no reply configured for method '\(method)' (iotctl emulate --rpc-reply \(method)=JSON)")])
    case .provision:
      switch settings.provisionResult {
      case "SUCCESS":
        let token = "emulated-\(StateRandom.hex(8))"
        return .json(["credentialsType": "ACCESS_TOKEN", "credentialsValue": .string(token), "status": "SUCCESS"])
      case "NOT_FOUND":
        return .json(["status": "NOT_FOUND", "errorMsg": "Provision data was not found!"])
      default:
        return .json(["status": "FAILURE", "errorMsg": "Failed to provision device!"])
      }
    case .metadataKeys:
      return .json(.array(metadata.keys.map(JSONValue.string)))
    case .metadataGet:
      let keys = request?["keys"]?.arrayValue?.compactMap(\.stringValue)
      if let keys, let restricted = keys.first(where: { metadata[$0] == nil }) {
        return .error(statusCode: 404, reason: "metadata key '\(restricted)' not found")
      }
      return .json(.object(Self.pick(metadata, keys)))
    case .metadataUpdate:
      metadata = request?.objectValue ?? JSONObject()
      return .empty
    case .metadataPatch:
      for (key, value) in request?.objectValue?.members ?? [] { metadata[key] = value }
      return .empty
    case .metadataDelete:
      for key in request?.arrayValue?.compactMap(\.stringValue) ?? [] { metadata[key] = nil }
      return .empty
    case .pendingCommands:
      return .json(.array(pendingCommands[variables["commandType"] ?? ""] ?? []))
    case .commandResult:
      let done = Set(request?.arrayValue?.compactMap { $0["id"]?.numberValue?.intValue } ?? [])
      pendingCommands[variables["commandType"] ?? ""]?.removeAll { done.contains($0["id"]?.numberValue?.intValue ?? -1) }
      return .empty
    case .config:
      return configurationAnswer(configuration, knownID: request?["configId"]?.stringValue, version: nil)
    case .otaConfig:
      return configurationAnswer(otaConfiguration, knownID: request?["configId"]?.stringValue, version: settings.otaVersion)
    case .uploadToken:
      return .json(["token": .string(StateRandom.hex(16))])
    case .sendConfig:
      return .json([
        "command_type": "send_config_v3", "payload": ["url": .string(settings.configURL), "md5": .string(settings.configMD5)],
      ])
    case .escrow:
      return .text(settings.escrowCompanyID)
    case .snapshot, .sharedAttributes, .configuration, .otaConfiguration, .pendingCommand, .licenses, .latestFirmware:
      return nil  // A snapshot re-publishes pushes, which the emulator handles; the rest are what pushes keep.
    }
  }

  /// ThingsBoard's chunk rules: the size is remembered per request id; size 0 (nothing given, nothing
  /// remembered) sends the whole image; a chunk past the end is empty; a size over the limit is an error.
  private mutating func chunk(
    of firmware: Firmware?, request: JSONValue?, variables: [String: String], limit: Int?
  ) -> EmulatorAnswer {
    guard let firmware else { return .errorText("NOT_FOUND") }
    let requestID = variables["requestId"] ?? ""
    if let size = request?.numberValue?.intValue { chunkSizes[requestID] = size }
    let size = chunkSizes[requestID] ?? 0
    if let limit, size > limit { return .errorText("PAYLOAD_TOO_LARGE") }
    guard size > 0 else { return .bytes(firmware.bytes) }
    let index = Int(variables["chunk"] ?? "") ?? 0
    let (start, overflow) = size.multipliedReportingOverflow(by: index)
    guard !overflow, start < firmware.bytes.count else { return .bytes([]) }
    return .bytes(Array(firmware.bytes[start..<min(start + size, firmware.bytes.count)]))
  }

  /// Kaa's answer to a configuration request: `{}` when the device already has it, else `{configId, config}`
  /// (`configId: ""` and `config: null` when there is none).
  private func configurationAnswer(_ value: JSONValue?, knownID: String?, version: String?) -> EmulatorAnswer {
    guard let value else { return .json(["configId": "", "config": nil]) }
    let id = version ?? Self.configurationID(value)
    if knownID == id { return .json([:]) }
    return .json(["configId": .string(id), "config": value])
  }

  /// ThingsBoard's comma-separated key list, or `nil` when none was given.
  static func keyList(_ value: JSONValue?) -> [String]? {
    value?.stringValue.map { $0.split(separator: ",").map { $0.trimming(" ") } }
  }

  /// The members of `object` named in `keys`, or all of them when `keys` is `nil`.
  static func pick(_ object: JSONObject, _ keys: [String]?) -> JSONObject {
    guard let keys else { return object }
    var picked = JSONObject()
    for key in keys { if let value = object[key] { picked[key] = value } }
    return picked
  }
}

/// Random tokens for emulated credentials.
enum StateRandom {
  static func hex(_ bytes: Int) -> String {
    (0..<bytes).map { _ in
      let byte = UInt8.random(in: 0...255)
      return (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }.joined()
  }
}

