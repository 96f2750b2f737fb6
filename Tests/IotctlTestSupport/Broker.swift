import Foundation

public struct TestSetupError: Error, CustomStringConvertible {
  public var description: String

  public init(description: String) { self.description = description }
}

/// A free TCP port on 127.0.0.1, found by binding port 0.
public func freePort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
  }
  guard bound else { throw TestSetupError(description: "cannot find a free port") }
  return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
public func isListening(_ port: Int) -> Bool {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = UInt16(port).bigEndian
  return withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
    }
  }
}

/// A real `mosquitto` broker on 127.0.0.1 at a free port, with a config the test chooses.
public final class Broker: @unchecked Sendable {
  public let port: Int
  public let directory: URL
  private let configLines: [String]
  private var process: Background?

  /// Config for tests that count every message at a subscriber: mosquitto drops QoS 1 and 2 messages for
  /// a subscriber once 1000 are queued for it, which a fast publisher on a busy machine reaches.
  public static let unboundedQueues = ["allow_anonymous true", "max_queued_messages 0"]

  /// Starts a broker; `config` lines are added after the listener line.
  public init(config: [String] = ["allow_anonymous true"]) throws {
    guard which("mosquitto") != nil else {
      throw TestSetupError(description: "mosquitto is not installed: apt-get install -y mosquitto")
    }
    port = try freePort()
    directory = try temporaryDirectory()
    configLines = config
    try start()
  }

  deinit {
    stop()
    try? FileManager.default.removeItem(at: directory)
  }

  /// Starts (or restarts) the broker on the same port.
  public func start() throws {
    let configURL = directory.appendingPathComponent("mosquitto.conf")
    let text = (["listener \(port) 127.0.0.1"] + configLines).joined(separator: "\n") + "\n"
    try text.write(to: configURL, atomically: true, encoding: .utf8)
    process = try Background(which("mosquitto")!, ["-c", configURL.path])
    guard eventually(timeout: 10, { isListening(port) }) else {
      throw TestSetupError(description: "mosquitto did not start: \(process?.stderrSoFar ?? "")")
    }
  }

  /// Stops the broker at once (SIGKILL, like a crash).
  public func kill() {
    process?.kill()
    _ = process?.wait(timeout: 5)
    process = nil
  }

  /// Stops the broker.
  public func stop() {
    process?.terminate()
    _ = process?.wait(timeout: 5)
    process = nil
  }

  /// What the broker logged so far (connections with their user names, among others).
  public var log: String { process?.stderrSoFar ?? "" }

  /// `-h 127.0.0.1 -p PORT`.
  public var address: [String] { ["-h", "127.0.0.1", "-p", String(port)] }

  /// Publishes with `mosquitto_pub` (an independent peer) to this broker.
  @discardableResult
  public func peerPublish(_ arguments: [String]) throws -> ProcessResult {
    guard let path = which("mosquitto_pub") else {
      throw TestSetupError(description: "mosquitto_pub is not installed: apt-get install -y mosquitto-clients")
    }
    return try run(path, address + arguments)
  }

  /// Starts `iotctl sub` on this broker with `-d` and returns once its SUBACK is in (it logs
  /// "subscribed to" on stderr).
  public func iotctlSubscriber(_ arguments: [String]) throws -> Background {
    let subscriber = try Background(iotctlPath, ["sub"] + address + arguments + ["-d"])
    guard eventually(timeout: 10, { subscriber.stderrSoFar.contains("subscribed to") }) else {
      throw TestSetupError(description: "iotctl sub did not subscribe: \(subscriber.stderrSoFar)")
    }
    return subscriber
  }

  /// Writes a file into the broker's directory and returns its path.
  public func file(_ name: String, _ contents: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }
}

/// A `mosquitto_sub` (an independent peer), subscribed before the initialiser returns.
///
/// Readiness is proven by publishing to a probe topic until the subscriber prints it; pass `-v` or a
/// `-F` format starting with `%t` so that ``lines`` can drop those probe lines.
public final class PeerSubscriber: @unchecked Sendable {
  public static let probePrefix = "iotctl-test/ready/"
  public let process: Background

  public convenience init(_ broker: Broker, _ arguments: [String]) throws {
    try self.init(address: broker.address, arguments)
  }

  /// A subscriber on the broker at `address` (`-h HOST -p PORT`), of any make.
  public init(address: [String], _ arguments: [String]) throws {
    guard let path = which("mosquitto_sub"), let publisher = which("mosquitto_pub") else {
      throw TestSetupError(description: "mosquitto clients are not installed: apt-get install -y mosquitto-clients")
    }
    let probeTopic = Self.probePrefix + UUID().uuidString
    process = try Background(path, address + ["-t", probeTopic] + arguments)
    let ready = eventually(timeout: 10) { [process] in
      _ = try? run(publisher, address + ["-t", probeTopic, "-m", "ready"])
      return !process.stdoutSoFar.isEmpty
    }
    guard ready else { throw TestSetupError(description: "mosquitto_sub did not subscribe: \(process.stderrSoFar)") }
  }

  /// A subscriber left running would go on reconnecting to a broker the test has stopped.
  deinit { process.kill() }

  /// Output lines so far, without the probe lines.
  public var lines: [String] {
    String(decoding: process.stdoutSoFar, as: UTF8.self).split(separator: "\n").map(String.init)
      .filter { !$0.hasPrefix(Self.probePrefix) }
  }

  /// Waits until `count` lines (besides probes) arrived, then stops the subscriber.
  public func waitForLines(_ count: Int, timeout: Double = 30) -> [String] {
    _ = eventually(timeout: timeout) { lines.count >= count }
    process.terminate()
    _ = process.wait(timeout: 5)
    return lines
  }
}
