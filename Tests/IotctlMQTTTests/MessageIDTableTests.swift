import IotctlTestSupport
import Testing

@testable import IotctlMQTT

@Suite struct MessageIDTableTests {
  /// Ids as libmosquitto hands them out (1...65535, then 1 again), completed out of order within a
  /// window, against a Dictionary doing the same.
  @Test(arguments: [1, 20, 1024])
  func matchesADictionaryUnderAWindowOfIds(window: Int) {
    var generator = SplitMix(state: UInt64(window))
    var table = MessageIDTable()
    var model: [Int32: UInt64] = [:]
    var nextID: Int32 = 1
    for tag in UInt64(1)...200_000 {
      table.insert(nextID, tag: tag)
      model[nextID] = tag
      nextID = nextID == 65535 ? 1 : nextID + 1
      while model.count >= window {
        let id = model.keys.randomElement(using: &generator)!
        #expect(table.remove(id) == model.removeValue(forKey: id))
      }
      if tag % 10_000 == 0 {
        #expect(table.count == model.count)
        #expect(table.sortedTags() == model.values.sorted())
      }
    }
    for id in Array(model.keys) { #expect(table.remove(id) == model.removeValue(forKey: id)) }
    #expect(table.isEmpty)
    #expect(table.sortedTags().isEmpty)
  }

  /// Colliding ids whose probe run wraps past the end of the table, removed from its middle: every
  /// other id must still be found.
  @Test func removalKeepsWrappedProbeRunsReachable() {
    // Ids whose runs start in the last two of 16 slots (the table's first size), so five of them
    // spill over into slots 0, 1 and 2.
    let late = (Int32(1)...65535).filter { MessageIDTable.slot(of: $0, shift: 28) >= 14 }
    let ids = [late[0], late[1], late[2], late[3], late[4]]
    var table = MessageIDTable()
    for (index, id) in ids.enumerated() { table.insert(id, tag: UInt64(index)) }
    #expect(table.remove(ids[1]) == 1)
    #expect(table.remove(ids[1]) == nil)
    #expect(table.remove(ids[0]) == 0)
    #expect(table.remove(ids[4]) == 4)
    #expect(table.remove(ids[3]) == 3)
    #expect(table.remove(ids[2]) == 2)
    #expect(table.isEmpty)
  }

  @Test func insertingAnIdAgainReplacesItsTag() {
    var table = MessageIDTable()
    table.insert(7, tag: 1)
    table.insert(7, tag: 2)
    #expect(table.count == 1)
    #expect(table.remove(7) == 2)
    #expect(table.remove(8) == nil)
  }
}
