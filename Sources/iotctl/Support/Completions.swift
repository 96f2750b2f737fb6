import IotctlDialect

/// Values for shell completion, read from the catalogue and the config file: offline and fast.
enum DialectCompletion {
  /// Built-in and user dialect names.
  static func names() -> [String] {
    ProfileCatalog(environment: Environment.all).available().map(\.name)
  }

  /// The operations of the dialect the words on the command line name (`--dialect`, `--dialect-file`,
  /// `--context`), else of `$IOTCTL_DIALECT` or the current context's dialect.
  static func operations(_ words: [String]) -> [String] {
    let environment = Environment.all
    let catalog = ProfileCatalog(environment: environment)
    func value(after flag: String) -> String? {
      guard let index = words.lastIndex(of: flag), index + 1 < words.count else { return nil }
      return words[index + 1]
    }
    var profile = try? value(after: "--dialect-file").map { try catalog.load(file: $0) }
    if profile == nil, let name = value(after: "--dialect") ?? environment["IOTCTL_DIALECT"] { profile = try? catalog.load(name) }
    if profile == nil, let path = ContextConfig.path(environment: environment), let config = try? ContextConfig.load(path: path),
      let context = config.context(value(after: "--context") ?? environment["IOTCTL_CONTEXT"] ?? config.current ?? "")
    {
      profile = try? catalog.load(for: context)
    }
    return profile?.operations.map(\.name) ?? []
  }
}
