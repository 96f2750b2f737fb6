import IotctlDialect
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The context a verb runs in, chosen by `--context`, then `$IOTCTL_CONTEXT`, then the config's current one;
/// its references (`env:`, `file:`, `prompt`) are resolved only when a value is used.
final class ActiveContext: Sendable {
  let context: DeviceContext
  /// The config file it came from.
  let path: String
  private let shared: Bool
  private let warned = Atomic<Bool>(false)

  private init(context: DeviceContext, path: String) {
    self.context = context
    self.path = path
    shared = ContextConfig.isShared(path: path)
  }

  var name: String { context.name }


  /// Records `--context` (see ``ContextOptions``).
  static func request(_ name: String?) { CommandEnvironment.current.requestedContext.withLock { $0 = name } }

  /// Whether `--context` or `$IOTCTL_CONTEXT` names a context (rather than the config's current one).
  static var isNamed: Bool {
    CommandEnvironment.current.requestedContext.withLock { $0 } != nil || !(Environment.all["IOTCTL_CONTEXT"] ?? "").isEmpty
  }

  /// The context in effect, or nil when none is named and none is current. Loaded once per process.
  ///
  /// - Throws: ``CoreError`` for an unreadable or corrupt config, or a name that is not in it.
  static func load() throws -> ActiveContext? {
    if let cached = CommandEnvironment.current.loadedContext.withLock({ $0 }) { return cached }
    let environment = Environment.all
    let flag = CommandEnvironment.current.requestedContext.withLock { $0 }
    let chosen = flag ?? environment["IOTCTL_CONTEXT"].flatMap { $0.isEmpty ? nil : $0 }
    guard let path = ContextConfig.path(environment: environment) else {
      if let chosen { throw CoreError(.unknownContext, "context '\(chosen)' cannot be found: set HOME or IOTCTL_CONFIG") }
      return nil
    }
    let config = try ContextConfig.load(path: path)
    let result: ActiveContext?
    if let name = chosen ?? config.current {
      guard let context = config.context(name) else {
        let source = flag != nil ? "--context" : chosen != nil ? "IOTCTL_CONTEXT" : "the current context"
        throw CoreError(
          .unknownContext, "no context '\(name)' (from \(source)) in \(path); \(config.knownNames). Create it with 'iotctl context set \(name) ...'")
      }
      if let conflict = scopeConflict(context, environment: environment) {
        // A context's credentials, variables and TLS files go only to its own dialect and broker.
        guard chosen == nil else { throw CLIError.usage(conflict) }
        Diagnostics.debug("current context \(name) left out: \(conflict)")
        result = nil
      } else {
        result = ActiveContext(context: context, path: path)
        Diagnostics.debug("context \(name) from \(path)")
      }
    } else {
      result = nil
    }
    CommandEnvironment.current.loadedContext.withLock { $0 = .some(result) }
    return result
  }

  /// Why `context` must not apply to this command: the flags (or `IOTCTL_DIALECT`) name another dialect,
  /// or the flags another broker than the context's own; nil when it applies. `IOTCTL_BROKER` redirects
  /// the context's broker (a tunnel, a test broker) and keeps the context.
  private static func scopeConflict(_ context: DeviceContext, environment: [String: String]) -> String? {
    let name = context.name
    let environmentDialect = environment["IOTCTL_DIALECT"].flatMap { $0.isEmpty ? nil : $0 }
    if let dialect = CommandEnvironment.current.namedDialect.withLock({ $0 }) ?? environmentDialect,
      dialect != context.dialect && dialect != context.dialectFile
    {
      let own = context.dialect ?? context.dialectFile ?? "no dialect"
      return "context \(name) is for dialect \(own), not dialect \(dialect); drop --context, or name a context of \(dialect)"
    }
    guard let named = CommandEnvironment.current.namedBroker.withLock({ $0 }) else { return nil }
    let own = context.broker.flatMap { try? BrokerURL($0) }
    let sameHost = named.host == nil || named.host == own?.host
    let samePort = named.port == nil || named.port == own?.port ?? (own?.tls == true ? 8883 : 1883)
    guard own == nil || !(sameHost && samePort) else { return nil }
    let shown = [named.host, named.port.map(String.init)].compactMap { $0 }.joined(separator: ":")
    return "context \(name) belongs to \(context.broker ?? "its dialect's broker"), not \(shown); drop -h/-p/-L, or --context"
  }

  /// The value behind `value`: itself, an environment variable, a file's first line, or an answer at a prompt.
  ///
  /// - Parameters:
  ///   - what: what the value is, for messages ("variable token", "password").
  ///   - secret: whether an inline value is a secret (it then draws a warning if the file is shared).
  func resolve(_ value: ContextValue, what: String, secret: Bool) throws -> String {
    switch value {
    case .inline(let text):
      if secret && shared && !warned.exchange(true, ordering: .relaxed) {
        Diagnostics.warning("context \(name) keeps its \(what) inline in \(path), which group or others can read; run chmod 600 \(path)")
      }
      return text
    case .environment(let variable):
      guard let text = Environment.all[variable] else {
        throw CoreError(
          .unresolvedReference,
          "context \(name): \(what) comes from environment variable \(variable), which is not set; export \(variable) or change it with 'iotctl context set \(name)'")
      }
      return text
    case .file(let file):
      do {
        return try Secrets.fromFile(file, purpose: "file for the \(what) of context \(name)")
      } catch {
        throw CoreError(.unresolvedReference, "context \(name): \(error.description)")
      }
    case .prompt:
      return try Secrets.prompt("\(what.prefix(1).uppercased() + what.dropFirst()) for context \(name): ")
    }
  }
}
