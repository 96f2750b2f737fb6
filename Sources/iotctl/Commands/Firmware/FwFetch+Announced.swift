import IotctlCore
import IotctlMQTT
import IotctlSchema

extension Iotctl.Fw.Fetch {
  /// The firmware a dialect's `firmware` verb announces: the request's answer when it carries one, else the
  /// next message on the push operations (with --wait, or when the request has no answer of its own).
  func announcement(_ verb: FirmwareVerb, session: Session, compiler: inout TopicCompiler) throws -> [FirmwareVerb.Field: String] {
    let filters = try verb.push.map { try compiler.compile($0).topic }
    if !filters.isEmpty { try session.subscribe(filters, qos: .atLeastOnce) }
    let profile = compiler.profile
    if let request = verb.request {
      let call = OperationCall(compiled: try compiler.compile(request), compiler: compiler, profile: profile)
      let body = (wait ? verb.watchPayload ?? verb.payload : verb.payload) ?? .object(JSONObject())
      let raw = call.compiled.operation.message.payload == .json ? body.jsonBytes : []
      let reply = try call.run(session: session, payload: try call.payload(raw, validate: true), properties: MessageProperties(), timeout: timeout)
      if let reply {
        if let value = try? JSONParser.parse(reply.payload), let facts = verb.read(value) { return facts }
        if !wait {
          let text = String(decoding: reply.payload.prefix(200), as: UTF8.self)
          throw CLIError(.platformError, "\(profile.name) announces no firmware for this device (it answered \(text)); --wait waits for one")
        }
      }
    }
    var facts: [FirmwareVerb.Field: String]?
    _ = try session.nextMessage(until: .after(seconds: timeout)) { message in
      guard filters.contains(where: { Topic.matches(message.topic, filter: $0) }) else { return false }
      facts = (try? JSONParser.parse(message.payload)).flatMap(verb.read)
      return facts != nil
    }
    if let facts { return facts }
    let topics = filters.map { Secrets.masking($0, compiler.bindings.secretValues) }.joined(separator: ", ")
    throw CLIError(.timeout, "no firmware announced on \(topics.isEmpty ? "any topic" : topics) within \(formatSeconds(timeout)) s")
  }

  /// What to download from an announcement and the override flags. An announcement without a URL (Xyte's
  /// file id, EdgeIQ's software update id) is printed as JSON, then reported as something iotctl cannot
  /// fetch.
  func announcedPlan(_ facts: [FirmwareVerb.Field: String], dialect: String) throws -> Plan {
    guard let link = url ?? facts[.url] else {
      var shown = JSONObject()
      shown["dialect"] = .string(dialect)
      for field in FirmwareVerb.Field.allCases { if let value = facts[field] { shown[field.rawValue] = .string(value) } }
      StandardOutput.print(JSONValue.object(shown).jsonText + "\n")
      let what = [facts[.version].map { "version \($0)" }, facts[.file].map { "file id \($0)" }].compactMap { $0 }.joined(separator: ", ")
      throw CLIError(
        .platformError,
        "\(dialect) announces firmware (\(what)) without a download URL, so iotctl cannot fetch it; pass --image-url if you have one")
    }
    guard let expected = checksum ?? facts[.checksum] else {
      throw CLIError.input("the \(dialect) announcement carries no checksum; pass --checksum and --algorithm")
    }
    let name = algorithm ?? facts[.algorithm] ?? Self.algorithmName(forHexLength: expected.count)
    guard let name, let algorithm = ChecksumAlgorithm(name: name) else {
      throw CLIError.input("cannot tell the checksum algorithm of '\(expected)'; pass --algorithm")
    }
    let version = self.version ?? facts[.version] ?? ""
    return Plan(
      title: title ?? facts[.title] ?? "\(dialect)-firmware\(version.isEmpty ? "" : "-\(version)")", version: version,
      size: size ?? facts[.size].flatMap { Int($0) }, checksum: expected, algorithm: algorithm, link: link)
  }

  /// The algorithm a hex digest's length implies, where only one has that length.
  static func algorithmName(forHexLength length: Int) -> String? {
    [32: "MD5", 64: "SHA256", 96: "SHA384", 128: "SHA512"][length]
  }
}

/// A dialect's `applied` report (Kaa's cmx_ota applied, Xyte's update): sent once the image is verified,
/// or after the install hook when there is one; the failure form when anything fails.
struct AppliedReporter: FirmwareStatus {
  let session: Session
  let compiler: TopicCompiler
  /// nil with --no-report or when the dialect has no such report.
  let template: ReplyTemplate?
  let version: String

  func downloading() throws {}
  func downloaded() throws {}
  func updating() throws {}

  func verified(installing: Bool) throws {
    if !installing { try send(success: true, message: "") }
  }

  func installed(title: String, version: String, reportUpdated: Bool) throws { try send(success: true, message: "") }

  func failed(_ message: String) { try? send(success: false, message: message) }

  private func send(success: Bool, message: String) throws {
    guard let template, let name = template.operation else { return }
    var compiler = compiler
    let call = OperationCall(compiled: try compiler.compile(name), compiler: compiler, profile: compiler.profile)
    let body = template.payload(success: success, values: ["version": .string(version), "message": .string(message)])
    _ = try call.run(
      session: session, payload: try call.payload(body.jsonBytes, validate: true), properties: MessageProperties(),
      timeout: 10)
  }
}
