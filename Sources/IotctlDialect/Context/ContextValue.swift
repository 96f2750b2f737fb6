/// A value in a context: given inline, or a reference that is resolved only when the value is used.
///
/// In the config file a reference is a string with a prefix: `env:NAME`, `file:PATH`, or `prompt`.
/// Anything else is the value itself.
public enum ContextValue: Sendable, Equatable {
  case inline(String)
  /// The value of an environment variable.
  case environment(String)
  /// The first line of a file.
  case file(String)
  /// Asked for on the terminal.
  case prompt

  /// Reads the config file's spelling.
  public init(parsing text: String) {
    if text.hasPrefix("env:") {
      self = .environment(String(text.dropFirst(4)))
    } else if text.hasPrefix("file:") {
      self = .file(String(text.dropFirst(5)))
    } else if text == "prompt" {
      self = .prompt
    } else {
      self = .inline(text)
    }
  }

  /// The config file's spelling.
  public var text: String {
    switch self {
    case .inline(let value): value
    case .environment(let name): "env:" + name
    case .file(let path): "file:" + path
    case .prompt: "prompt"
    }
  }

  /// The spelling with an inline value replaced by `mask` when it is a secret; references are shown as they are.
  public func shown(secret: Bool, mask: String) -> String {
    if case .inline = self, secret { return mask }
    return text
  }

  /// Whether the value sits in the file itself.
  public var isInline: Bool {
    if case .inline = self { return true }
    return false
  }
}
