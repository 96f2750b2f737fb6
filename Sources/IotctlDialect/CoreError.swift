import IotctlSchema

/// Why a profile or the context config could not be loaded, or an operation not compiled.
public struct CoreError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// The profile file is missing or unreadable.
    case unreadableProfile
    /// The profile is not valid JSON, or breaks the profile format.
    case invalidProfile
    /// No built-in or user dialect has that name.
    case unknownDialect
    /// The dialect has no operation of that name.
    case unknownOperation
    /// A required variable has no value.
    case missingVariable
    /// A variable's value breaks its rules (a `+` in a device id, say).
    case invalidVariable
    /// A `--var` names a variable the dialect does not have.
    case unknownVariable
    /// The context config file cannot be read or written.
    case unreadableConfig
    /// The context config is not valid JSON, or breaks the config format.
    case invalidConfig
    /// No context has that name.
    case unknownContext
    /// A broker URL (`-L`, `IOTCTL_BROKER`, a context's broker) cannot be parsed.
    case invalidBrokerURL
    /// A context refers to an environment variable that is unset, or a file that cannot be read.
    case unresolvedReference
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
