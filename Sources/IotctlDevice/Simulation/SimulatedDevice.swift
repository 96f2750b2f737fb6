import IotctlDialect
import IotctlMQTT

/// One simulated device: its slot in the loop, its telemetry senders and generator states, its
/// command decoder and what it is waiting for.
final class SimulatedDevice {
  enum Phase { case waiting, connecting, connected, down }

  /// The device's place in the loop, and in the simulator's list.
  let slot: Int
  /// Where in its slot of the ramp the device connects first, from 0 to 1.
  let rampJitter: Double
  var senders: [TelemetrySender]
  var states: [[ValueGenerator.State]]
  /// Boxed: a device that watches no commands then holds one empty reference, not the decoder's room.
  var decoder: Box<CommandDecoder>?
  var random: SeededRandom
  let churns: Bool
  var phase = Phase.waiting
  var attempts = 0
  var connectStarted = 0.0
  /// Numbers the connects, so that a CONNACK deadline applies to its own attempt only.
  var connectAttempt = 0
  var scheduled = false
  var replayPosition = 0
  /// Publishes awaiting PUBACK or PUBCOMP, by message id, with when each was sent.
  var pending: [Int32: Double] = [:]
  /// Set for a device that takes firmware updates.
  var firmware: DeviceFirmware?
  /// Set for a device that acknowledges configurations.
  var config: DeviceConfig?

  init(
    slot: Int, rampJitter: Double, senders: [TelemetrySender], states: [[ValueGenerator.State]],
    decoder: Box<CommandDecoder>?, random: SeededRandom, churns: Bool
  ) {
    self.slot = slot
    self.rampJitter = rampJitter
    self.senders = senders
    self.states = states
    self.decoder = decoder
    self.random = random
    self.churns = churns
  }
}

/// A value kept by reference.
final class Box<Value> {
  var value: Value
  init(_ value: Value) { self.value = value }
}

extension MessageProperties {
  /// The user properties a compiled operation carries.
  init(_ compiled: CompiledOperation) {
    self.init(userProperties: compiled.userProperties.map { UserProperty($0.0, $0.1) })
  }
}
