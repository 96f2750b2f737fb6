#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The process's environment variables, read from `environ`.
public enum ProcessEnvironment {
  public static func variables() -> [String: String] {
    var count = 0
    while environ[count] != nil { count += 1 }
    // Every start reads the environment: split at the byte '=' rather than search Characters, and size
    // the table once (callgrind: 583k instructions to 39 variables before, issue 17).
    var result: [String: String] = Dictionary(minimumCapacity: count)
    for index in 0..<count {
      guard let pointer = environ[index], let equals = strchr(pointer, 0x3D) else { continue }
      let name = String(decoding: UnsafeRawBufferPointer(start: pointer, count: equals - pointer), as: UTF8.self)
      result[name] = String(cString: equals + 1)
    }
    return result
  }
}
