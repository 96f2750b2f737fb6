import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlMQTT
import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// iotctl's exit statuses: one table, documented in `--help`, the man page and the README.
enum ExitStatus: Int32, Error, CaseIterable {
  case success = 0
  case failure = 1
  case usage = 2
  case input = 3
  case unreachable = 4
  case refused = 5
  case notAuthorized = 6
  case publishFailed = 7
  case subscribeFailed = 8
  case connectionLost = 9
  case schemaViolation = 10
  case platformError = 11
  case checksumMismatch = 12
  case hookFailed = 13
  case thresholdExceeded = 14
  case timeout = 27
  case interrupted = 130
  case terminated = 143

  var meaning: String {
    switch self {
    case .success: "success"
    case .failure: "unexpected internal error"
    case .usage: "usage error: bad flag or value, bad topic or variable, unknown dialect"
    case .input: "input error: unreadable or malformed file, bad profile or schema, too big"
    case .unreachable: "broker unreachable: DNS, TCP, proxy or TLS failure, no CONNACK in time"
    case .refused: "broker refused the connection (protocol version, client id, unavailable)"
    case .notAuthorized: "broker refused the credentials or the client is not authorised"
    case .publishFailed: "a QoS 1/2 publish was rejected or not acknowledged"
    case .subscribeFailed: "the broker refused a subscription"
    case .connectionLost: "the connection dropped and the reconnect policy gave up"
    case .schemaViolation: "a payload does not match its schema (nothing was sent)"
    case .platformError: "the platform answered with an error (Kaa /error, a firmware error)"
    case .checksumMismatch: "a download does not match its checksum (no file was written)"
    case .hookFailed: "an install hook (fw fetch --exec) failed; the platform was told FAILED"
    case .thresholdExceeded: "simulate: the fleet's error rate passed --max-error-rate"
    case .timeout: "timed out (-W) before the expected messages or reply arrived"
    case .interrupted: "SIGINT (Ctrl-C): DISCONNECT sent, the delivery report printed"
    case .terminated: "SIGTERM: as for SIGINT"
    }
  }

  /// The table as shown in help text.
  static var table: String {
    allCases.map { status in
      let code = String(status.rawValue)
      return "  " + code + String(repeating: " ", count: 4 - code.count) + status.meaning
    }.joined(separator: "\n")
  }

  init(_ error: MQTTError) {
    switch error {
    case .invalidTopic, .invalidOption: self = .usage
    case .payloadTooLarge: self = .input
    case .unreachable, .tlsFailed, .connectTimeout: self = .unreachable
    case .refused(let refusal): self = refusal.isAuthorization ? .notAuthorized : .refused
    case .connectionLost: self = .connectionLost
    case .publishRejected, .qosNotSupported: self = .publishFailed
    case .subscribeRejected: self = .subscribeFailed
    case .library: self = .failure
    case .interrupted(let signal): self = ExitStatus(signal: signal)
    }
  }

  /// 130 for SIGINT, 143 for SIGTERM: 128 plus the signal's number, as shells report.
  init(signal: Int32) {
    self = signal == SIGTERM ? .terminated : .interrupted
  }
}

extension ExitStatus {
  init(_ error: CoreError) {
    switch error.kind {
    case .unreadableProfile, .invalidProfile, .unreadableConfig, .invalidConfig, .unresolvedReference: self = .input
    case .unknownDialect, .unknownOperation, .missingVariable, .invalidVariable, .unknownVariable, .unknownContext,
      .invalidBrokerURL:
      self = .usage
    }
  }
}

extension ExitStatus {
  init(_ kind: DeviceError.Kind) {
    switch kind {
    case .input: self = .input
    case .schemaViolation: self = .schemaViolation
    case .platformError: self = .platformError
    case .timeout: self = .timeout
    case .checksumMismatch: self = .checksumMismatch
    case .publishFailed: self = .publishFailed
    case .connectionLost: self = .connectionLost
    case .unreachable: self = .unreachable
    case .hookFailed: self = .hookFailed
    case .usage: self = .usage
    case .interrupted(let signal): self = ExitStatus(signal: signal)
    }
  }
}

/// An error raised by a command, with the status it exits with.
struct CLIError: Error, CustomStringConvertible {
  var status: ExitStatus
  var description: String

  init(_ status: ExitStatus, _ description: String) {
    self.status = status
    self.description = description
  }

  static func input(_ message: String) -> CLIError { CLIError(.input, message) }
  static func usage(_ message: String) -> CLIError { CLIError(.usage, message) }
}
