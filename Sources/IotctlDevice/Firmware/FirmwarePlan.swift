import IotctlDialect

/// What to download and how to check it: the platform's announcement, with the user's overrides.
public struct FirmwarePlan: Sendable {
  public var title: String
  public var version: String
  public var size: Int?
  public var checksum: String
  public var algorithm: ChecksumAlgorithm
  /// Where to download from; nil for the dialect's MQTT chunks.
  public var url: String?

  /// Facts the user gives instead of the announcement's.
  public struct Overrides: Sendable {
    public var title, version, checksum, algorithm, url: String?
    public var size: Int?

    public init(
      title: String? = nil, version: String? = nil, size: Int? = nil, checksum: String? = nil, algorithm: String? = nil,
      url: String? = nil
    ) {
      (self.title, self.version, self.size, self.checksum, self.algorithm, self.url) = (title, version, size, checksum, algorithm, url)
    }
  }

  /// The plan for `facts` announced by `dialect`. Without a URL the image comes in `chunks` if the dialect
  /// has them; an announcement with neither (Xyte's file id, EdgeIQ's software update id) cannot be
  /// fetched, and the error says so.
  public init(facts: [FirmwareVerb.Field: String], overrides: Overrides, dialect: String, chunked: Bool) throws(DeviceError) {
    let url = overrides.url ?? facts[.url]
    guard url != nil || chunked else {
      let what = [facts[.version].map { "version \($0)" }, facts[.file].map { "file id \($0)" }].compactMap { $0 }
        .joined(separator: ", ")
      throw DeviceError(
        .platformError,
        "\(dialect) announces firmware (\(what)) without a download URL, so iotctl cannot fetch it; pass --image-url if you have one")
    }
    guard let expected = overrides.checksum ?? facts[.checksum] else {
      throw DeviceError(.input, "the \(dialect) announcement carries no checksum; pass --checksum and --algorithm")
    }
    let name = overrides.algorithm ?? facts[.algorithm] ?? Self.algorithmName(forHexLength: expected.count)
    guard let name, let algorithm = ChecksumAlgorithm(name: name) else {
      throw DeviceError(.input, "cannot tell the checksum algorithm of '\(expected)'; pass --algorithm")
    }
    var size = overrides.size
    if size == nil, let text = facts[.size] {
      guard let announced = Int(text), (0...Self.largestSize).contains(announced) else {
        throw DeviceError(
          .input, "the \(dialect) announcement gives the size '\(text)', which is not a byte count up to \(Self.largestSize); pass --size")
      }
      size = announced
    }
    let version = overrides.version ?? facts[.version] ?? ""
    self.title = overrides.title ?? facts[.title] ?? "\(dialect)-firmware\(version.isEmpty ? "" : "-\(version)")"
    self.version = version
    self.size = size
    self.checksum = expected
    self.algorithm = algorithm
    self.url = url
  }

  /// The largest image fetched (a pebibyte): every offset and chunk count computed from it fits in an Int.
  public static let largestSize = 1 << 50

  /// The algorithm a hex digest's length implies, where only one has that length.
  public static func algorithmName(forHexLength length: Int) -> String? {
    [32: "MD5", 64: "SHA256", 96: "SHA384", 128: "SHA512"][length]
  }

  /// A file name from the title: path separators, control characters and leading dots removed.
  public var safeFileName: String {
    let cleaned = String(title.map { $0 == "/" || $0 == "\\" || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true ? "_" : $0 })
      .drop { $0 == "." }
    return cleaned.isEmpty ? "firmware.bin" : String(cleaned)
  }
}
