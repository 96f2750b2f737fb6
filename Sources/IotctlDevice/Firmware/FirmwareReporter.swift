import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// What the platform hears of an update, stage by stage, as the dialect's firmware verb describes it: a
/// report per stage (ThingsBoard's `fw_state` telemetry) and an `applied` reply at the end (Kaa's OTA
/// applied, Xyte's update).
public struct FirmwareReporter {
  public let runner: ExchangeRunner
  public let compiler: TopicCompiler
  public let verb: FirmwareVerb
  public let plan: FirmwarePlan
  /// False with `--no-report`.
  public let enabled: Bool
  /// Whether UPDATING and UPDATED are reported after a successful install hook.
  public let reportUpdated: Bool

  public init(runner: ExchangeRunner, compiler: TopicCompiler, verb: FirmwareVerb, plan: FirmwarePlan, enabled: Bool, reportUpdated: Bool) {
    (self.runner, self.compiler, self.verb, self.plan, self.enabled, self.reportUpdated) = (runner, compiler, verb, plan, enabled, reportUpdated)
  }

  public func downloading() throws { try state(.downloading) }
  public func downloaded() throws { try state(.downloaded) }

  /// The image is verified and written; `installing` when an install hook runs next.
  public func verified(installing: Bool) throws {
    try state(.verified)
    if !installing { try applied(success: true, message: "") }
    if installing && reportUpdated { try state(.updating) }
  }

  /// The install hook succeeded.
  public func installed() throws {
    if reportUpdated { try state(.updated) }
    try applied(success: true, message: "")
  }

  /// Best effort: the download, the checksum or the hook failed.
  public func failed(_ message: String) {
    try? state(.failed, message: message)
    try? applied(success: false, message: message)
    // The command ends next: let the broker acknowledge the report before the session closes.
    _ = runner.session.drain(until: .after(seconds: 5))
  }

  private var values: [String: JSONValue] {
    ["title": .string(plan.title), "version": .string(plan.version)]
  }

  private func state(_ stage: FirmwareStates.Stage, message: String = "") throws {
    guard enabled, let states = verb.states, let template = states.payloads[stage] else { return }
    var values = self.values
    values["message"] = .string(message)
    try send(states.operation, ReplyTemplate.fill(template, values), waitForAnswer: false)
  }

  private func applied(success: Bool, message: String) throws {
    guard enabled, let template = verb.applied, let name = template.operation else { return }
    var values = self.values
    values["message"] = .string(message)
    try send(name, template.payload(success: success, values: values), waitForAnswer: true)
  }

  private func send(_ name: String, _ body: JSONValue, waitForAnswer: Bool) throws {
    var exchange = try OperationExchange(name, compiler: compiler)
    let payload = try exchange.payload(body.jsonBytes, validate: true)
    if waitForAnswer {
      _ = try exchange.run(on: runner, payload: payload, timeout: 10)
    } else {
      try runner.send(exchange.compiled, payload: payload, qos: exchange.qos)
    }
  }
}
