import Foundation
import Synchronization

/// A TCP proxy on 127.0.0.1 between a client and a broker that misbehaves on command: it drops every
/// connection (with a reset), stalls both directions or holds one, or cuts the next chunk in half and
/// then drops. New connections are accepted throughout, so a client that reconnects gets through.
public final class FaultProxy: @unchecked Sendable {
  public enum Direction: Sendable { case toBroker, toClient }

  public let port: Int
  private let target: Int
  private let listener: Int32
  private struct Controls {
    var connections: [Int32: Int32] = [:]
    var held: Set<Direction> = []
    var cutNext = false
    var stopped = false
    var accepted = 0
  }
  private let controls = Mutex(Controls())

  /// A proxy to the broker at 127.0.0.1:`target`.
  public init(to target: Int) throws {
    self.target = target
    port = try freePort()
    listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = Self.loopback(port)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(listener, 64) == 0 else {
      close(listener)
      throw TestSetupError(description: "the fault proxy cannot listen on \(port)")
    }
    Thread.detachNewThread { [self] in acceptLoop() }
  }

  deinit {
    controls.withLock { $0.stopped = true }
    dropAll()
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  /// `-h 127.0.0.1 -p PORT` of the proxy.
  public var address: [String] { ["-h", "127.0.0.1", "-p", String(port)] }

  /// Connections accepted so far (a reconnect is one more).
  public var acceptedCount: Int { controls.withLock { $0.accepted } }

  /// Resets every open connection, at both ends.
  public func dropAll() {
    let pairs = controls.withLock { state -> [(Int32, Int32)] in
      defer { state.connections = [:] }
      return Array(state.connections)
    }
    for (client, broker) in pairs {
      for fd in [client, broker] {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
      }
    }
  }

  /// Stops forwarding in `directions` (both: a stall) until ``release()``; bytes wait in the kernel.
  public func hold(_ directions: Set<Direction> = [.toBroker, .toClient]) {
    controls.withLock { $0.held = directions }
  }

  /// Forwards in both directions again.
  public func release() { controls.withLock { $0.held = [] } }

  /// Forwards half of the next chunk read in either direction, then drops every connection.
  public func cutNextPacket() { controls.withLock { $0.cutNext = true } }

  private static func loopback(_ port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return address
  }

  private func acceptLoop() {
    while true {
      let client = accept(listener, nil, nil)
      if client < 0 {
        if controls.withLock({ $0.stopped }) { return }
        continue
      }
      let broker = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = Self.loopback(target)
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(broker, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
      }
      if connected != 0 {
        close(client)
        close(broker)
        continue
      }
      // Forward each write at once: a proxy that Nagles would add its own delays to what is measured.
      var yes: Int32 = 1
      for fd in [client, broker] { setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size)) }
      controls.withLock {
        $0.connections[client] = broker
        $0.accepted += 1
      }
      Thread.detachNewThread { [self] in pump(client: client, broker: broker) }
    }
  }

  private func pump(client: Int32, broker: Int32) {
    defer {
      controls.withLock { _ = $0.connections.removeValue(forKey: client) }
      close(client)
      close(broker)
    }
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let held = controls.withLock { $0.held }
      var fds = [
        pollfd(fd: client, events: held.contains(.toBroker) ? 0 : Int16(POLLIN), revents: 0),
        pollfd(fd: broker, events: held.contains(.toClient) ? 0 : Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, 2, 50)
      if ready < 0 && errno != EINTR { return }
      if ready <= 0 { continue }
      for (index, (from, to)) in [(client, broker), (broker, client)].enumerated() where fds[index].revents != 0 {
        let count = read(from, &buffer, buffer.count)
        if count <= 0 { return }
        let cut = controls.withLock { state -> Bool in
          defer { state.cutNext = false }
          return state.cutNext
        }
        let length = cut ? max(count / 2, 1) : count
        var written = 0
        while written < length {
          let n = buffer.withUnsafeBytes { write(to, $0.baseAddress! + written, length - written) }
          if n <= 0 { return }
          written += n
        }
        if cut {
          dropAll()
          return
        }
      }
    }
  }
}
