/// Hands out request ids for exchanges: a random start inside the dialect's range, then one after another,
/// so that two exchanges of one run never share an id and two runs rarely do.
public struct RequestIDAllocator: Sendable {
  public let range: ClosedRange<Int>
  private var next: Int

  public init(range: ClosedRange<Int>) {
    self.range = range
    next = Int.random(in: range)
  }

  /// The next id, wrapping around at the end of the range.
  public mutating func allocate() -> Int {
    let id = next
    next = next == range.upperBound ? range.lowerBound : next + 1
    return id
  }
}
