import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// A simulated device's configuration: where pushes arrive, and how it acknowledges each, as
/// `iotctl config ack` does.
final class DeviceConfig {
  let compiler: TopicCompiler
  let verb: ConfigVerb
  let pushFilters: [(filter: String, template: TopicTemplate)]

  init(compiler: TopicCompiler) throws {
    guard let verb = compiler.profile.configVerb, verb.ack?.operation != nil else {
      throw DeviceError(.usage, "dialect \(compiler.profile.name) has no configuration report")
    }
    self.compiler = compiler
    self.verb = verb
    var compiler = compiler
    pushFilters = try verb.push.map { name in
      let compiled = try compiler.compile(name)
      return (compiled.topic, try TopicTemplate(compiled.operation.message.topic))
    }
  }

  var filters: [String] { pushFilters.map(\.filter) }

  /// The request that asks to be sent configurations as they change (Kaa's observe), if the dialect has one.
  func observeRequest() throws -> (OperationExchange, [UInt8])? {
    guard let name = verb.request else { return nil }
    var exchange = try OperationExchange(name, compiler: compiler)
    let body = verb.watchPayload ?? verb.payload
    return (exchange, try exchange.payload(body.map { $0.jsonBytes }, validate: true))
  }

  /// The ack for `message` if it is a pushed configuration: its operation and payload, checked.
  func ack(for message: Message, success: Bool, failure: String) throws -> (OperationExchange, [UInt8])? {
    guard let push = pushFilters.first(where: { Topic.matches(message.topic, filter: $0.filter) }),
      let template = verb.ack, let name = template.operation
    else { return nil }
    let value = (try? JSONParser.parse(message.payload)) ?? .string(String(decoding: message.payload, as: UTF8.self))
    let id = CommandVerb.resolve(verb.id, variables: push.template.match(message.topic) ?? [:], command: value)
    let values: [String: JSONValue] = [
      "id": .string(id.map { $0.stringValue ?? $0.jsonText } ?? ""), "config": value, "message": .string(failure),
    ]
    var exchange = try OperationExchange(name, compiler: compiler)
    let payload = try exchange.payload(template.payload(success: success, values: values).jsonBytes, validate: true)
    return (exchange, payload)
  }
}

extension FleetSimulator {
  /// Acknowledges `message` if it is a configuration pushed to `device`; returns false for others.
  func configuration(_ device: SimulatedDevice, _ message: Message) -> Bool {
    guard let config = device.config, let settings = scenario.config else { return false }
    let rejecting = settings.failureRate > 0 && device.random.unit() < settings.failureRate
    do {
      guard let (exchange, payload) = try config.ack(for: message, success: !rejecting, failure: settings.failure) else { return false }
      count(.configurations)
      if rejecting { count(.rejectedConfigurations) }
      publish(device, exchange.compiled, payload: payload, qos: exchange.qos)
    } catch {
      count(.invalidPayloads)
      note("acknowledging a configuration: \(error)")
    }
    return true
  }
}
