import Foundation

/// RabbitMQ (Debian's rabbitmq-server) with its MQTT plugin, on 127.0.0.1 at free ports, in a folder of
/// its own: a second broker make for the interop suite. It speaks MQTT 3.1.1 only (3.10), has no QoS 2,
/// and starts in 5 to 15 seconds.
public final class RabbitMQBroker: @unchecked Sendable {
  /// Where Debian installs the server script that runs as the calling user.
  public static let server = "/usr/lib/rabbitmq/bin/rabbitmq-server"
  public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: server) }

  public let port: Int
  public let directory: URL
  private let node: String
  private let process: Background

  public init() throws {
    guard Self.isInstalled else {
      throw TestSetupError(description: "rabbitmq-server is not installed: apt-get install -y rabbitmq-server")
    }
    port = try freePort()
    let amqpPort = try freePort()
    directory = try temporaryDirectory()
    node = "iotctl-\(UUID().uuidString.prefix(8))@localhost"
    let plugins = directory.appendingPathComponent("enabled_plugins")
    try "[rabbitmq_mqtt].\n".write(to: plugins, atomically: true, encoding: .utf8)
    let config = [
      "listeners.tcp.default = \(amqpPort)", "mqtt.listeners.tcp.default = \(port)", "mqtt.allow_anonymous = true",
      "loopback_users = none",
    ].joined(separator: "\n") + "\n"
    try config.write(to: directory.appendingPathComponent("rabbitmq.conf"), atomically: true, encoding: .utf8)
    process = try Background(
      Self.server, [],
      environment: [
        "RABBITMQ_NODENAME": node, "RABBITMQ_MNESIA_BASE": directory.appendingPathComponent("mnesia").path,
        "RABBITMQ_LOG_BASE": directory.appendingPathComponent("log").path,
        "RABBITMQ_ENABLED_PLUGINS_FILE": plugins.path,
        "RABBITMQ_CONFIG_FILE": directory.appendingPathComponent("rabbitmq").path,
        "RABBITMQ_DIST_PORT": String(try freePort()), "HOME": directory.path,
      ])
    guard eventually(timeout: 60, { isListening(port) || !process.isRunning }), process.isRunning else {
      throw TestSetupError(description: "rabbitmq-server did not start: \(process.stdoutSoFar.count) bytes; \(process.stderrSoFar)")
    }
  }

  deinit {
    // The script runs Erlang's VM as a child, whose command line names this folder as its home.
    _ = try? run("/usr/bin/pkill", ["-KILL", "-f", directory.path])
    process.kill()
    _ = process.wait(timeout: 10)
    try? FileManager.default.removeItem(at: directory)
  }

  /// `-h 127.0.0.1 -p PORT`.
  public var address: [String] { ["-h", "127.0.0.1", "-p", String(port)] }
}
