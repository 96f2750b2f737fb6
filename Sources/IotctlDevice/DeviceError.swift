/// Why a platform exchange did not succeed, in the terms a user acts on. The command line maps each kind
/// to one exit status.
public struct DeviceError: Error, Sendable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// A payload, file or announcement that cannot be used as it is.
    case input
    /// A payload breaks its schema or one of the platform's limits; nothing was sent.
    case schemaViolation
    /// The platform answered with an error.
    case platformError
    /// The expected answer or push did not come in time.
    case timeout
    /// A download does not match its checksum; nothing was written.
    case checksumMismatch
    /// The broker rejected a publish, or did not acknowledge it.
    case publishFailed
    /// The connection dropped (a download may be resumed).
    case connectionLost
    /// The broker or the platform could not be reached for a download.
    case unreachable
    /// An install or command hook failed.
    case hookFailed
    /// The exchange cannot be run as asked (a dialect without the operation or verb).
    case usage
    /// SIGINT or SIGTERM ended the exchange; the connection was closed.
    case interrupted(signal: Int32)
  }

  public var kind: Kind
  public var message: String
  /// For a delivery report: the tag (a line number) of the first message not confirmed delivered.
  public var firstUnconfirmed: UInt64?

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
