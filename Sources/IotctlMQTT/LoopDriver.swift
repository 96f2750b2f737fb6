#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Which thread runs libmosquitto's network loop for a ``Session``.
public enum LoopDriver: Sendable {
  /// A thread of the session's own, so keepalive and reconnects go on while the owner does other work
  /// (reads stdin, runs a handler, sleeps between repeats).
  case thread
  /// The owner's thread, inside the session's waits. It saves starting a thread and the hand-offs
  /// between threads for each packet; use it only where the owner is always publishing or waiting, or
  /// waits for input through ``Session/awaitReadable(_:)``. Sessions that need what only the thread does (reconnects,
  /// TLS or SOCKS handshakes, MQTT 5 CONNECT properties, a host name that needs a DNS lookup, which
  /// could outlast `--connect-timeout`) run on a thread anyway.
  case caller
}

extension ConnectOptions {
  /// Whether the session can run its loop on the owner's thread: see ``LoopDriver/caller``.
  var allowsCallerDrivenLoop: Bool {
    guard case .never = reconnect, tls == nil, proxy == nil, connectUserProperties.isEmpty, sessionExpiry == nil
    else { return false }
    return host == "localhost" || Self.isNumericAddress(host)
  }

  private static func isNumericAddress(_ host: String) -> Bool {
    var address = in6_addr()
    return inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1
  }
}
