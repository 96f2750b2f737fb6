/// Message ids awaiting completion, each with the caller's tag: a linear-probing hash table.
///
/// Not a `Dictionary<Int32, UInt64>`: creating one at run time looks up `Int32: Hashable` by scanning
/// every protocol conformance in the binary, which cost a one-shot `pub` about 0.3 ms, more than the
/// publish itself. libmosquitto hands out ids 1...65535 in sequence; Fibonacci hashing scatters them,
/// because sequential ids in sequential slots make one probe run as long as the window, and every
/// removal would walk it.
struct MessageIDTable {
  /// 0 marks an empty slot; MQTT message ids are never 0.
  private var ids: [Int32] = []
  private var tags: [UInt64] = []
  private(set) var count = 0
  /// 32 minus log2 of the capacity: a slot is the top bits of the id times 2^32/phi.
  private var shift: UInt32 = 32

  var isEmpty: Bool { count == 0 }

  private var mask: Int { ids.count - 1 }

  private func home(_ id: Int32) -> Int { Self.slot(of: id, shift: shift) }

  /// Where `id`'s probe run starts in a table of 2^(32 - `shift`) slots.
  static func slot(of id: Int32, shift: UInt32) -> Int { Int((UInt32(bitPattern: id) &* 0x9E37_79B1) >> shift) }

  /// Records `tag` for `id`, replacing an earlier tag for the same id.
  mutating func insert(_ id: Int32, tag: UInt64) {
    precondition(id != 0, "MQTT message ids start at 1")
    if (count + 1) * 2 > ids.count { grow() }
    var slot = home(id)
    while ids[slot] != 0 && ids[slot] != id { slot = (slot + 1) & mask }
    if ids[slot] == 0 { count += 1 }
    ids[slot] = id
    tags[slot] = tag
  }

  /// Removes `id` and returns its tag, or `nil` if it was not recorded.
  mutating func remove(_ id: Int32) -> UInt64? {
    guard count > 0, id != 0 else { return nil }
    var slot = home(id)
    while ids[slot] != id {
      if ids[slot] == 0 { return nil }
      slot = (slot + 1) & mask
    }
    let tag = tags[slot]
    count -= 1
    // Backward-shift deletion: move later entries of the probe run into the hole when the hole lies
    // between their home slot and where they sit, so lookups never stop early at a false gap.
    var hole = slot
    var next = slot
    while true {
      next = (next + 1) & mask
      if ids[next] == 0 { break }
      let start = home(ids[next])
      let distanceToHole = (hole - start) & mask
      let distanceToNext = (next - start) & mask
      if distanceToHole < distanceToNext {
        ids[hole] = ids[next]
        tags[hole] = tags[next]
        hole = next
      }
    }
    ids[hole] = 0
    return tag
  }

  /// Every recorded tag, in ascending order.
  func sortedTags() -> [UInt64] {
    var result: [UInt64] = []
    result.reserveCapacity(count)
    for (id, tag) in zip(ids, tags) where id != 0 { result.append(tag) }
    return result.sorted()
  }

  private mutating func grow() {
    let old = (ids, tags)
    let capacity = max(16, ids.count * 2)
    ids = Array(repeating: 0, count: capacity)
    tags = Array(repeating: 0, count: capacity)
    shift = 32 - UInt32(capacity.trailingZeroBitCount)
    count = 0
    for (id, tag) in zip(old.0, old.1) where id != 0 { insert(id, tag: tag) }
  }
}
