import IotctlMQTT

/// How a fleet runs: its pace, its length and its share of the devices.
public struct FleetSettings: Sendable {
  /// New connections per second while the fleet ramps up.
  public var connectRate = 1000.0
  /// Seconds to run once the first device starts; nil: until interrupted.
  public var duration: Double?
  /// Seconds between stats records.
  public var statsInterval = 10.0
  /// Seeds every device's random numbers (with its number), so that runs repeat.
  public var seed: UInt64 = 1
  /// The QoS of telemetry instead of the dialect's.
  public var qos: QoS?
  /// This process runs devices n with n mod `shards` == `shard`.
  public var shard = 0
  public var shards = 1
  /// Seconds to wait at the end for acknowledgements still outstanding.
  public var drain = 5.0
  /// Seconds to wait for a firmware chunk before asking again (three times at most).
  public var chunkTimeout = 5.0
  /// The first reconnect waits about this long, doubling per failure up to `reconnectCap`, with jitter.
  public var reconnectBase = 0.5
  public var reconnectCap = 30.0

  public init() {}

  /// The device numbers of this shard in a fleet of `size`.
  public func numbers(of size: Int) -> StrideTo<Int> {
    stride(from: shard, to: size, by: max(shards, 1))
  }

  /// How many devices of a fleet of `size` this shard runs.
  public func count(of size: Int) -> Int {
    size > shard ? (size - shard + max(shards, 1) - 1) / max(shards, 1) : 0
  }
}
