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

  private var reports: FirmwareReports { FirmwareReports(compiler: compiler, verb: verb, plan: plan) }

  private func state(_ stage: FirmwareStates.Stage, message: String = "") throws {
    guard enabled, let (exchange, payload) = try reports.state(stage, message: message) else { return }
    try runner.send(exchange.compiled, payload: payload, qos: exchange.qos)
  }

  private func applied(success: Bool, message: String) throws {
    guard enabled, let (exchange, payload) = try reports.applied(success: success, message: message) else { return }
    _ = try exchange.run(on: runner, payload: payload, timeout: 10)
  }
}

/// The messages that tell the platform how an update goes, as the dialect's firmware verb describes
/// them, without a session: ``FirmwareReporter`` sends them for `fw fetch`, the fleet simulator for
/// each of its devices.
public struct FirmwareReports {
  public let compiler: TopicCompiler
  public let verb: FirmwareVerb
  public let plan: FirmwarePlan

  public init(compiler: TopicCompiler, verb: FirmwareVerb, plan: FirmwarePlan) {
    (self.compiler, self.verb, self.plan) = (compiler, verb, plan)
  }

  private var values: [String: JSONValue] {
    ["title": .string(plan.title), "version": .string(plan.version)]
  }

  /// The report of `stage` (ThingsBoard's `fw_state` telemetry), checked; nil when the dialect has none.
  public func state(_ stage: FirmwareStates.Stage, message: String = "") throws -> (OperationExchange, [UInt8])? {
    guard let states = verb.states, let template = states.payloads[stage] else { return nil }
    var values = self.values
    values["message"] = .string(message)
    return try exchange(states.operation, ReplyTemplate.fill(template, values))
  }

  /// The `applied` reply at the end (Kaa's OTA applied, Xyte's update); nil when the dialect has none.
  public func applied(success: Bool, message: String) throws -> (OperationExchange, [UInt8])? {
    guard let template = verb.applied, let name = template.operation else { return nil }
    var values = self.values
    values["message"] = .string(message)
    return try exchange(name, template.payload(success: success, values: values))
  }

  private func exchange(_ name: String, _ body: JSONValue) throws -> (OperationExchange, [UInt8]) {
    var exchange = try OperationExchange(name, compiler: compiler)
    let payload = try exchange.payload(body.jsonBytes, validate: true)
    return (exchange, payload)
  }
}
