/// Something a simulated device does at a set time.
struct Event {
  enum Kind: UInt8 { case connect, connackDue, telemetry, answer, chunkDue, churn }
  var time: Double
  var device: Int
  var kind: Kind
  /// The stream of a telemetry event, the answer of an answer event, the attempt of a CONNACK or chunk deadline.
  var argument: Int = 0
}

/// The fleet's timed events, earliest first: a binary heap.
struct EventQueue {
  private var heap: [Event] = []

  var first: Event? { heap.first }

  mutating func push(_ event: Event) {
    heap.append(event)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].time < heap[parent].time else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  @discardableResult
  mutating func pop() -> Event? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let earliest = heap.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var smallest = parent
      if left < heap.count && heap[left].time < heap[smallest].time { smallest = left }
      if right < heap.count && heap[right].time < heap[smallest].time { smallest = right }
      if smallest == parent { break }
      heap.swapAt(parent, smallest)
      parent = smallest
    }
    return earliest
  }
}
