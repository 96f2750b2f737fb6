import Foundation
import IotctlTestSupport
import Testing

/// Issue 16, item 3: -W bounds the connect phase too, and an MQTT 5 CONNECT left unanswered suggests
/// -V 311 (brokers without MQTT 5 may stay silent).
@Suite struct ConnectPhaseTests {
  /// A TCP listener that accepts (in the kernel's backlog) and never answers.
  final class SilentListener {
    let fd: Int32
    let port: Int

    init() throws {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      self.fd = fd
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let ready = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
        }
      }
      guard ready else {
        close(fd)
        throw TestSetupError(description: "cannot listen")
      }
      port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
  }

  @Test(arguments: [["sub", "-t", "a", "-V", "5", "-W", "2"], ["rr", "-t", "a", "-e", "b", "-m", "x", "-W", "2"]])
  func theWaitBoundsTheConnectPhase(_ arguments: [String]) throws {
    let listener = try SilentListener()
    let started = Date()
    let result = try iotctl(arguments + ["-h", "127.0.0.1", "-p", String(listener.port)], timeout: 30)
    let elapsed = Date().timeIntervalSince(started)
    #expect(result.status == 4, "\(result.stderr)")
    #expect(elapsed < 6, "took \(elapsed) s; -W 2 should bound the connect phase (the default connect timeout is 10 s)")
    #expect(result.stderr.contains("within 2 s") && result.stderr.contains("try -V 311"), "\(result.stderr)")
  }
}

/// Issue 16, item 4: a watcher that gives up reconnecting names the drop, the attempts and the last
/// attempt's cause, not libmosquitto's "the client is not currently connected".
@Suite struct ReconnectReportTests {
  @Test func givingUpNamesTheAttemptsAndTheCause() throws {
    let broker = try Broker()
    let watcher = try Background(iotctlPath, ["sub", "-t", "a", "--reconnect", "2"] + broker.address)
    #expect(eventually(timeout: 10) {
      _ = try? broker.peerPublish(["-t", "a", "-m", "up"])
      return !watcher.stdoutSoFar.isEmpty
    })
    broker.kill()
    let result = watcher.wait(timeout: 30)
    #expect(result.status == 9, "\(result.stderr)")
    #expect(result.stderr.contains("2 reconnect attempts failed, the last: cannot reach 127.0.0.1:\(broker.port): connection refused"), "\(result.stderr)")
    #expect(!result.stderr.contains("not currently connected"), "\(result.stderr)")
  }
}
