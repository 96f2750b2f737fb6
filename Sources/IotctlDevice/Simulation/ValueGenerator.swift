import IotctlSchema

/// How a telemetry value (or an answer's latency) is made, message after message.
public enum ValueGenerator: Sendable, Equatable {
  case constant(JSONValue)
  case counter(start: Double, step: Double)
  case uniform(min: Double, max: Double)
  case normal(mean: Double, deviation: Double, min: Double?, max: Double?)
  /// `phase` nil: a random phase per device.
  case sine(min: Double, max: Double, period: Double, phase: Double?)
  case walk(start: Double, step: Double, min: Double, max: Double)
  case choice(values: [JSONValue], weights: [Double])

  /// A generator with the decimal places it keeps.
  public struct Rounded: Sendable, Equatable {
    public var generator: ValueGenerator
    public var places: Int?

    public init(generator: ValueGenerator, places: Int? = nil) {
      self.generator = generator
      self.places = places
    }
  }

  /// What one device's generator remembers between values.
  public struct State: Sendable {
    var count = 0
    var last: Double?
    var phase: Double?

    public init() {}
  }
}

extension ValueGenerator.Rounded {
  /// The next value; `time` is seconds since the run began (for sine).
  public func next(_ state: inout ValueGenerator.State, time: Double, random: inout SeededRandom) -> JSONValue {
    let number: Double
    switch generator {
    case .constant(let value):
      return value
    case .choice(let values, let weights):
      return values[Self.pick(weights, count: values.count, &random)]
    case .counter(let start, let step):
      number = start + step * Double(state.count)
    case .uniform(let low, let high):
      number = low + (high - low) * random.unit()
    case .normal(let mean, let deviation, let low, let high):
      number = Swift.min(Swift.max(random.normal(mean: mean, deviation: deviation), low ?? -.infinity), high ?? .infinity)
    case .sine(let low, let high, let period, let phase):
      if state.phase == nil { state.phase = phase ?? random.unit() * 2 * .pi }
      let middle = (low + high) / 2
      number = middle + (high - low) / 2 * _sin(2 * .pi * time / period + state.phase!)
    case .walk(let start, let step, let low, let high):
      let previous = state.last ?? start
      number = Swift.min(Swift.max(previous + step * (random.unit() * 2 - 1), low), high)
    }
    state.count += 1
    state.last = number
    return .number(Self.json(number, places: places))
  }

  /// A number for a latency or a delay: the generator's value, never negative.
  public func seconds(_ state: inout ValueGenerator.State, random: inout SeededRandom) -> Double {
    Swift.max(0, next(&state, time: 0, random: &random).numberValue?.doubleValue ?? 0)
  }

  static func pick(_ weights: [Double], count: Int, _ random: inout SeededRandom) -> Int {
    guard weights.count == count, case let total = weights.reduce(0, +), total > 0 else {
      return Int(random.next() % UInt64(Swift.max(count, 1)))
    }
    var target = random.unit() * total
    for (index, weight) in weights.enumerated() {
      target -= weight
      if target < 0 { return index }
    }
    return count - 1
  }

  static func json(_ value: Double, places: Int?) -> JSONNumber {
    guard value.isFinite else { return JSONNumber(0) }
    if let places {
      var scale = 1.0
      for _ in 0..<Swift.min(places, 12) { scale *= 10 }
      let rounded = (value * scale).rounded() / scale
      if places == 0, let exact = Int(exactly: rounded) { return JSONNumber(exact) }
      return JSONNumber(rounded) ?? JSONNumber(0)
    }
    if let exact = Int(exactly: value) { return JSONNumber(exact) }
    return JSONNumber(value) ?? JSONNumber(0)
  }
}
