import Foundation
import IotctlTestSupport
import Testing

/// Watchers across network faults (issue 19, item 3): through a ``FaultProxy`` that drops their
/// connection, with a persistent session (`-c -i ID`), they resubscribe and lose nothing the broker
/// queued for them meanwhile. The messages come from `mosquitto_pub`, connected to the broker directly.
@Suite(.serialized) struct WatcherFaultTests {
  @Test func aPersistentSubscriberMissesNothingAcrossDrops() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let proxy = try FaultProxy(to: broker.port)
    let watcher = try Background(
      iotctlPath,
      ["sub", "-t", "watched", "-q", "1", "-c", "-i", "watcher-1", "--reconnect", "forever", "-d"] + proxy.address)
    try #require(eventually(timeout: 10) { watcher.stderrSoFar.contains("subscribed to") }, "\(watcher.stderrSoFar)")
    let total = 300
    for number in 1...total {
      try broker.peerPublish(["-t", "watched", "-m", String(number), "-q", "1"])
      // Two drops while messages keep coming: the broker queues them for the session. Each drop waits
      // for the watcher to be back from the one before.
      if number == 100 || number == 200 {
        _ = eventually(timeout: 10) { proxy.acceptedCount >= number / 100 }
        proxy.dropAll()
      }
    }
    let lines = { String(decoding: watcher.stdoutSoFar, as: UTF8.self).split(separator: "\n").compactMap { Int($0) } }
    #expect(eventually(timeout: 30) { Set(lines()).count == total })
    watcher.signal(SIGINT)
    let result = watcher.wait(timeout: 10)
    let seen = Set(lines())
    #expect((1...total).filter { !seen.contains($0) }.isEmpty, "missing: \((1...total).filter { !seen.contains($0) }.prefix(10))")
    #expect(proxy.acceptedCount >= 3, "\(proxy.acceptedCount) connections")
    #expect(result.status == 130, "\(result.stderr)")
  }

  /// `cmd watch` answers each RPC exactly once, those sent while its connection was down included.
  @Test func commandsSentDuringAnOutageAreAnsweredOnce() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let proxy = try FaultProxy(to: broker.port)
    let replies = try PeerSubscriber(broker, ["-t", "v1/devices/me/rpc/response/+", "-v"])
    let watcher = try Background(
      iotctlPath,
      ["cmd", "watch", "--dialect", "thingsboard", "--var", "token=t1", "--reply", #"{"ok":true}"#, "-c", "-i", "device-1",
        "--reconnect", "forever", "-d"] + proxy.address)
    try #require(eventually(timeout: 10) { watcher.stderrSoFar.contains("watching v1/devices/me/rpc/request/+") }, "\(watcher.stderrSoFar)")
    func request(_ id: Int) throws {
      try broker.peerPublish(["-t", "v1/devices/me/rpc/request/\(id)", "-m", #"{"method":"ping","params":{}}"#, "-q", "1"])
    }
    try request(1)
    proxy.hold()
    proxy.dropAll()
    // Sent while the device is away: the broker keeps them for its session.
    try request(2)
    try request(3)
    proxy.release()
    try request(4)
    #expect(eventually(timeout: 30) { replies.lines.count >= 4 })
    // Long enough for a duplicate answer to show.
    Thread.sleep(forTimeInterval: 1)
    let answered = replies.lines
    watcher.signal(SIGINT)
    _ = watcher.wait(timeout: 10)
    #expect(answered.sorted() == (1...4).map { "v1/devices/me/rpc/response/\($0) {\"ok\":true}" }, "\(answered)")
  }
}
