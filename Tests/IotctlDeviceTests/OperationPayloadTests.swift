import IotctlDevice
import IotctlDialect
import IotctlSchema
import Testing

/// Request payloads as the device layer completes and checks them (issue 15, items c, e, j and k).
@Suite struct OperationPayloadTests {
  /// The id in a ThingsBoard gateway request is the one its answer is matched by (item c).
  @Test func aGatewayRequestKeepsItsOwnID() throws {
    var exchange = try OperationExchange("gateway.attributes.request", compiler: try Fixtures.compiler("thingsboard", ["token": "T"]))
    let payload = try exchange.payload(Array(#"{"id":7,"device":"D","client":false,"key":"k"}"#.utf8), validate: true)
    #expect(exchange.compiled.requestID == 7)
    #expect(try JSONParser.parse(payload)["id"] == 7)
    var fresh = try OperationExchange("gateway.attributes.request", compiler: try Fixtures.compiler("thingsboard", ["token": "T"]))
    let filled = try JSONParser.parse(try fresh.payload(Array(#"{"device":"D","client":true,"key":"k"}"#.utf8), validate: true))
    #expect(filled["id"]?.numberValue?.intValue == fresh.compiled.requestID)
  }

  /// Kaa's metadata get with an empty payload asks for every key (RFC 0010; the seed's example) (item e).
  @Test func anEmptyKaaMetadataGetIsValid() throws {
    var exchange = try OperationExchange("metadata.get", compiler: try Fixtures.compiler("kaa", Fixtures.variables["kaa"]!))
    #expect(try exchange.payload([], validate: true) == [])
    #expect(try exchange.payload(Array(#"{"keys":["name"]}"#.utf8), validate: true).count > 0)
  }

  /// Kaa request ids are positive: 0 is refused with the range named (item e).
  @Test func requestIDsOutsideTheDialectsRangeAreRefused() throws {
    let error = #expect(throws: CoreError.self) {
      try OperationExchange("metadata.get", compiler: try Fixtures.compiler("kaa", Fixtures.variables["kaa"]!), requestID: 0)
    }
    #expect(error?.message.contains("range 1-99999") == true)
    _ = try OperationExchange("metadata.get", compiler: try Fixtures.compiler("kaa", Fixtures.variables["kaa"]!), requestID: 1)
  }

  /// Xyte's Get Command types command ids as integers (item j).
  @Test func xyteCommandIDsMayBeIntegers() throws {
    let compiler = try Fixtures.compiler("xyte", Fixtures.variables["xyte"]!)
    let check = try PayloadCheck(try compiler.operation("commands").message)
    #expect(check.check(Array(#"{"id":42,"name":"reboot"}"#.utf8)).isValid)
    #expect(check.check(Array(#"{"id":"42","name":"reboot"}"#.utf8)).isValid)
    let update = try PayloadCheck(try compiler.operation("command.update").message)
    #expect(update.check(Array(#"{"id":42,"status":"done"}"#.utf8)).isValid)
  }

  /// EdgeIQ's config request has one default payload, for op and config get alike (item k).
  @Test func edgeIQsConfigRequestHasItsDefaultPayload() throws {
    var exchange = try OperationExchange("config.request", compiler: try Fixtures.compiler("edgeiq", Fixtures.variables["edgeiq"]!))
    let payload = try exchange.payload(nil, validate: true)
    #expect(try JSONParser.parse(payload) == (try Fixtures.json(#"{"config_version":3,"requested":true}"#)))
  }
}

/// Sizes and numbers from the platform that once trapped (issue 19, item 3).
@Suite struct FirmwarePlanTests {
  @Test(arguments: ["9223372036854775000", "-1", "12abc", "1e9"])
  func anAnnouncedSizeOutOfRangeIsAnInputError(_ size: String) throws {
    let facts: [FirmwareVerb.Field: String] = [.version: "1", .url: "https://x.invalid/f", .checksum: String(repeating: "0", count: 64), .size: size]
    let error = #expect(throws: DeviceError.self) {
      try FirmwarePlan(facts: facts, overrides: .init(), dialect: "d", chunked: false)
    }
    #expect(error?.kind == .input && error?.message.contains("pass --size") == true)
  }

  @Test func titlesBecomeSafeFileNames() throws {
    let facts: [FirmwareVerb.Field: String] = [.version: "1", .url: "https://x.invalid/f", .checksum: String(repeating: "0", count: 32), .title: "../\u{1B}[31mevil/..name"]
    let plan = try FirmwarePlan(facts: facts, overrides: .init(), dialect: "d", chunked: false)
    #expect(!plan.safeFileName.contains("/") && !plan.safeFileName.contains("\u{1B}") && !plan.safeFileName.hasPrefix("."))
    #expect(plan.algorithm == .md5)
  }
}
