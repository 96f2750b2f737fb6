import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// A simulated device's firmware: where announcements and chunks arrive, the version it runs, and the
/// download under way. The chunks are hashed as they come and not kept. A class: a device without
/// firmware then holds one empty reference, not the room for all of this.
final class DeviceFirmware {
  /// The device's compiler, for its reports (devices without firmware keep none: each copy of a
  /// profile costs a few kilobytes).
  let compiler: TopicCompiler
  let verb: FirmwareVerb
  let requests: ChunkRequests
  let pushFilters: [String]
  /// The version installed by the last update.
  var version: String?
  var download: Download?

  struct Download {
    var plan: FirmwarePlan
    var hasher: ChecksumHasher
    var next = 0
    var bytes = 0
    var started: Double
    /// Numbers the chunk requests, so that a deadline applies to its own request only.
    var attempt = 0
    var tries = 0
  }

  /// - Parameter number: the device's number, which makes its request id (ThingsBoard routes chunk
  ///   answers by it alone, and every device sees every topic).
  init(compiler: TopicCompiler, number: Int, chunkSize: Int) throws {
    guard let verb = compiler.profile.firmwareVerb, let chunks = verb.chunks else {
      throw DeviceError(.usage, "dialect \(compiler.profile.name) serves no firmware in MQTT chunks")
    }
    self.compiler = compiler
    self.verb = verb
    requests = try ChunkRequests(compiler: compiler, operation: chunks, requestID: number + 1, chunkSize: chunkSize)
    var compiler = compiler
    pushFilters = try verb.push.map { try compiler.compile($0).topic }
  }

  var filters: [String] { pushFilters + requests.filters }

  /// The announcement in `message`, if it came on an announcement topic and names firmware.
  func announcement(in message: Message) -> [FirmwareVerb.Field: String]? {
    guard pushFilters.contains(where: { Topic.matches(message.topic, filter: $0) }),
      let value = try? JSONParser.parse(message.payload)
    else { return nil }
    return verb.read(value)
  }
}

extension FleetSimulator {
  /// Handles `message` if it is firmware's: an announcement starts a download, a chunk continues it.
  /// Returns false for other messages.
  func firmware(_ device: SimulatedDevice, _ message: Message) -> Bool {
    guard let firmware = device.firmware else { return false }
    switch firmware.requests.classify(message) {
    case .error(let text):
      guard firmware.download != nil else { return true }
      fail(device, firmware, "the platform answered \(text)", byDesign: false)
      return true
    case .chunk(let index, let bytes):
      chunk(device, firmware, index, bytes)
      return true
    case .unrelated:
      break
    }
    guard let facts = firmware.announcement(in: message) else { return false }
    guard firmware.download == nil, facts[.version] != firmware.version else { return true }
    let plan: FirmwarePlan
    do {
      plan = try FirmwarePlan(facts: facts, overrides: FirmwarePlan.Overrides(), dialect: profile.name, chunked: true)
    } catch {
      count(.firmwareErrors)
      note(error.message)
      return true
    }
    guard plan.url == nil else {
      note("a firmware package with a URL is not downloaded by simulated devices")
      return true
    }
    firmware.download = DeviceFirmware.Download(plan: plan, hasher: ChecksumHasher(plan.algorithm), started: now)
    report(device, plan, .downloading)
    request(device, firmware)
    return true
  }

  private func request(_ device: SimulatedDevice, _ firmware: DeviceFirmware) {
    guard var download = firmware.download else { return }
    download.attempt += 1
    download.tries += 1
    firmware.download = download
    do {
      let topic = try firmware.requests.topic(forChunk: download.next)
      publish(device, topic: topic, payload: firmware.requests.payload, qos: firmware.requests.qos)
      events.push(Event(time: now + settings.chunkTimeout, device: device.slot, kind: .chunkDue, argument: download.attempt))
    } catch {
      fail(device, firmware, "\(error)", byDesign: false)
    }
  }

  private func chunk(_ device: SimulatedDevice, _ firmware: DeviceFirmware, _ index: Int, _ bytes: [UInt8]) {
    guard var download = firmware.download, index == download.next else { return }
    let size = firmware.requests.chunkSize
    if bytes.count > size {
      fail(device, firmware, "chunk \(index) has \(bytes.count) bytes, more than the \(size) asked for", byDesign: false)
      return
    }
    download.hasher.update(bytes)
    download.bytes += bytes.count
    download.next += 1
    download.tries = 0
    firmware.download = download
    let announced = download.plan.size
    if let announced, download.bytes > announced {
      fail(device, firmware, "received \(download.bytes) bytes, more than the announced \(announced)", byDesign: false)
    } else if bytes.count < size || announced == download.bytes {
      finish(device, firmware)
    } else {
      request(device, firmware)
    }
  }

  private func finish(_ device: SimulatedDevice, _ firmware: DeviceFirmware) {
    guard let download = firmware.download else { return }
    let plan = download.plan
    let actual = ChecksumAlgorithm.hex(download.hasher.finalize())
    guard actual == plan.checksum.lowercased(), plan.size.map({ $0 == download.bytes }) ?? true else {
      fail(device, firmware, "checksum mismatch: \(plan.algorithm.rawValue) \(actual), expected \(plan.checksum) (\(download.bytes) bytes)", byDesign: false)
      return
    }
    report(device, plan, .downloaded)
    report(device, plan, .verified)
    if let rate = scenario.firmware?.failureRate, rate > 0, device.random.unit() < rate {
      fail(device, firmware, scenario.firmware?.failure ?? "failed by the scenario", byDesign: true)
      return
    }
    report(device, plan, .updating)
    report(device, plan, .updated)
    applied(device, plan, success: true, message: "")
    firmware.version = plan.version
    firmware.download = nil
    count(.firmwareUpdates)
    record(.firmwareUpdate, seconds: now - download.started)
  }

  private func fail(_ device: SimulatedDevice, _ firmware: DeviceFirmware, _ message: String, byDesign: Bool) {
    guard let plan = firmware.download?.plan else { return }
    firmware.download = nil
    count(byDesign ? .firmwareFailures : .firmwareErrors)
    if !byDesign { note("firmware \(plan.version): \(message)") }
    report(device, plan, .failed, message: message)
    applied(device, plan, success: false, message: message)
  }

  /// A chunk request unanswered in time: asked again, up to three times.
  func chunkDue(_ device: SimulatedDevice, attempt: Int) {
    guard let firmware = device.firmware, let download = firmware.download, download.attempt == attempt else { return }
    guard download.tries < 3 else {
      fail(device, firmware, "chunk \(download.next) went unanswered \(download.tries) times", byDesign: false)
      return
    }
    request(device, firmware)
  }

  private func report(_ device: SimulatedDevice, _ plan: FirmwarePlan, _ stage: FirmwareStates.Stage, message: String = "") {
    send(device, plan, "firmware report \(stage.rawValue)") { try $0.state(stage, message: message) }
  }

  private func applied(_ device: SimulatedDevice, _ plan: FirmwarePlan, success: Bool, message: String) {
    send(device, plan, "firmware applied reply") { try $0.applied(success: success, message: message) }
  }

  /// Publishes the report `make` builds from the device's ``FirmwareReports``, if the dialect has one.
  private func send(
    _ device: SimulatedDevice, _ plan: FirmwarePlan, _ what: String,
    _ make: (FirmwareReports) throws -> (OperationExchange, [UInt8])?
  ) {
    guard let firmware = device.firmware else { return }
    do {
      guard let (exchange, payload) = try make(FirmwareReports(compiler: firmware.compiler, verb: firmware.verb, plan: plan)) else { return }
      publish(device, exchange.compiled, payload: payload, qos: exchange.qos)
    } catch {
      note("\(what): \(error)")
    }
  }
}
