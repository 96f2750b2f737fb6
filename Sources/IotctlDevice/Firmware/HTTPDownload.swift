import CSystem

/// Why an HTTP(S) download stopped, in the download's own terms (not the broker's).
public enum DownloadError: Error, Sendable, CustomStringConvertible {
  /// The server answered with a status other than 200/206 (after redirects).
  case status(Int, url: String)
  /// The URL, a redirect or the answer is not something this client accepts.
  case refused(String)
  /// The server could not be reached, or the transfer broke or stalled after `received` bytes.
  case network(String, received: Int)
  /// The TLS chain or host name does not verify.
  case untrusted(url: String, reason: String)
  /// The body is larger than allowed.
  case tooLarge(limit: Int)

  public var description: String {
    switch self {
    case .status(let code, let url): "\(url) answered HTTP \(code)"
    case .refused(let why): why
    case .network(let why, let received): "\(why) after \(received) bytes"
    case .untrusted(let url, let reason): "the certificate of \(url) does not verify (\(reason))"
    case .tooLarge(let limit): "the download is larger than the \(limit) bytes allowed"
    }
  }
}

/// A streaming HTTP(S) GET on libcurl: redirects followed (never from https to http), `Range` to
/// resume, TLS verified against the OS trust store or a given CA file, the proxies libcurl reads from the
/// environment, a size bound and a stall timeout. The body goes to `write` in pieces, so memory stays
/// bounded whatever the size.
public struct HTTPDownload {
  /// CA certificates (PEM); nil for the OS trust store.
  public var caFile: String?
  /// Seconds to connect, and seconds without a byte before the transfer is abandoned.
  public var stallTimeout: Double
  /// The most bytes the whole file may have.
  public var maxSize: Int?
  public var maximumRedirects = 5

  public init(caFile: String? = nil, stallTimeout: Double, maxSize: Int? = nil) {
    self.caFile = caFile
    self.stallTimeout = stallTimeout
    self.maxSize = maxSize
  }

  /// Checks that `url` is one this client fetches, before anything is reported or written: http or
  /// https, and no credentials in it.
  public static func check(_ url: String) throws(DownloadError) {
    let lower = url.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
      throw .refused("'\(redacted(url))' is not an http:// or https:// URL")
    }
    let authority = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(2).first ?? ""
    guard !authority.contains("@") else {
      throw .refused("'\(redacted(url))' carries credentials, which the download does not send; use a URL that needs none")
    }
    guard !authority.isEmpty else { throw .refused("'\(redacted(url))' names no host") }
  }

  /// `url` without its query (which often carries a signature) and without credentials, for messages.
  public static func redacted(_ url: String) -> String {
    let text = String(url.prefix { $0 != "?" && $0 != "#" })
    let parts = text.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count >= 3, parts[1].isEmpty, let at = parts[2].lastIndex(of: "@") else { return text }
    let host = parts[2][parts[2].index(after: at)...]
    return ([String(parts[0]), "", "****@" + host] + parts.dropFirst(3).map(String.init)).joined(separator: "/")
  }

  /// Downloads `url` from byte `offset` on. `start(position)` is called once the server has answered:
  /// `offset` when it honours the range, 0 when it sends the whole body again. Then `write(position,
  /// bytes)` receives the body. Returns the size of the whole file.
  public func fetch(
    _ url: String, from offset: Int = 0, start: @escaping (Int) throws -> Void = { _ in },
    write: @escaping (Int, [UInt8]) throws -> Void
  ) throws -> Int {
    try Self.check(url)
    if let problem = iotctl_curl_load() { throw DownloadError.network(String(cString: problem), received: 0) }
    guard let curl = iotctl_curl_easy_init() else { throw DownloadError.network("libcurl could not start", received: 0) }
    defer { iotctl_curl_easy_cleanup(curl) }
    let transfer = Transfer(offset: offset, maxSize: maxSize, start: start, write: write)
    let context = Unmanaged.passUnretained(transfer).toOpaque()
    let secure = url.lowercased().hasPrefix("https://")
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    defer { errorBuffer.deallocate() }
    let stall = max(1, Int(min(stallTimeout, 86_400).rounded(.up)))
    iotctl_curl_set_string(curl, CURLOPT_URL, url)
    iotctl_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
    iotctl_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 1)
    iotctl_curl_set_long(curl, CURLOPT_MAXREDIRS, maximumRedirects)
    iotctl_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, "http,https")
    // A download that began over https never continues in the clear.
    iotctl_curl_set_string(curl, CURLOPT_REDIR_PROTOCOLS_STR, secure ? "https" : "http,https")
    iotctl_curl_set_long(curl, CURLOPT_FAILONERROR, 1)
    iotctl_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, stall)
    iotctl_curl_set_long(curl, CURLOPT_LOW_SPEED_LIMIT, 1)
    iotctl_curl_set_long(curl, CURLOPT_LOW_SPEED_TIME, stall)
    iotctl_curl_set_string(curl, CURLOPT_USERAGENT, "iotctl")
    if let caFile { iotctl_curl_set_string(curl, CURLOPT_CAINFO, caFile) }
    if offset > 0 { iotctl_curl_set_string(curl, CURLOPT_RANGE, "\(offset)-") }
    if let maxSize { iotctl_curl_set_offset(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxSize)) }
    iotctl_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer)
    iotctl_curl_set_pointer(curl, CURLOPT_WRITEDATA, context)
    iotctl_curl_set_write(curl) { data, size, count, context in
      let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
      return transfer.receive(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
    }
    transfer.curl = curl
    let code = iotctl_curl_easy_perform(curl)
    if let failure = transfer.failure { throw failure }
    let detail = String(cString: errorBuffer)
    var status = 0
    iotctl_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
    let shown = Self.redacted(url)
    switch code {
    case CURLE_OK:
      guard transfer.started || offset == 0 else { return offset }
      return transfer.position
    case CURLE_HTTP_RETURNED_ERROR:
      throw DownloadError.status(status, url: shown)
    case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
      throw DownloadError.untrusted(url: shown, reason: detail.isEmpty ? Self.text(code) : detail)
    case CURLE_UNSUPPORTED_PROTOCOL:
      throw DownloadError.refused("\(shown) redirected to a URL this download does not follow (from https only to https): \(detail)")
    case CURLE_TOO_MANY_REDIRECTS:
      throw DownloadError.refused("more than \(maximumRedirects) redirects from \(shown)")
    case CURLE_FILESIZE_EXCEEDED:
      throw DownloadError.tooLarge(limit: maxSize ?? 0)
    default:
      throw DownloadError.network("\(shown): \(detail.isEmpty ? Self.text(code) : detail)", received: transfer.position)
    }
  }

  private static func text(_ code: CURLcode) -> String { String(cString: iotctl_curl_easy_strerror(code)) }

  /// The state one transfer's write callback works on.
  private final class Transfer {
    let offset: Int
    let maxSize: Int?
    let start: (Int) throws -> Void
    let write: (Int, [UInt8]) throws -> Void
    var curl: UnsafeMutableRawPointer?
    var started = false
    var position = 0
    var failure: (any Error)?

    init(offset: Int, maxSize: Int?, start: @escaping (Int) throws -> Void, write: @escaping (Int, [UInt8]) throws -> Void) {
      (self.offset, self.maxSize, self.start, self.write) = (offset, maxSize, start, write)
    }

    /// Passes bytes on; false stops the transfer (the failure is kept to be thrown).
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
      do {
        if !started {
          started = true
          var status = 0
          iotctl_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
          // A server that ignores Range sends the whole body again: start over.
          position = status == 206 ? offset : 0
          try start(position)
        }
        if let maxSize, position + bytes.count > maxSize { throw DownloadError.tooLarge(limit: maxSize) }
        try write(position, Array(bytes))
        position += bytes.count
        return true
      } catch {
        failure = error
        return false
      }
    }
  }
}
