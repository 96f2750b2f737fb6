#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

#if FUZZING
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  /// The executable's entry under libFuzzer. SwiftPM links an executable's `main` to the module's own
  /// entry symbol, so libFuzzer's `main` never runs: this one starts its driver instead. The target
  /// comes from IOTCTL_FUZZ_TARGET (scripts/fuzz sets it).
  @_cdecl("iotctl_fuzz_main")
  public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
  }

  /// What libFuzzer calls with each input, should its own `main` be the one that runs.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.selected(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }
#else

  /// Without libFuzzer: `iotctl-fuzz TARGET FILE...` runs each file through the target once, as the
  /// regression tests do with every input a fuzzer ever crashed on (Fuzz/Regressions/TARGET).
  @main
  struct FuzzRunner {
    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      guard let name = arguments.first, let target = FuzzTargets.all[name] else {
        print("usage: iotctl-fuzz TARGET FILE...; targets: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))")
        exit(2)
      }
      for path in arguments.dropFirst() {
        guard let file = fopen(path, "rb") else {
          print("cannot open \(path)")
          exit(3)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
          let count = fread(&buffer, 1, buffer.count, file)
          if count <= 0 { break }
          bytes += buffer[..<count]
        }
        fclose(file)
        target(bytes)
      }
      print("ran \(arguments.count - 1) inputs through \(name)")
    }
  }
#endif

extension FuzzTargets {
  /// The target IOTCTL_FUZZ_TARGET names, looked up once.
  static let selectedTarget: @Sendable ([UInt8]) -> Void = {
    guard let name = getenv("IOTCTL_FUZZ_TARGET").map({ String(cString: $0) }), let target = all[name] else {
      fatalError("set IOTCTL_FUZZ_TARGET to one of \(all.keys.sorted().joined(separator: ", "))")
    }
    return target
  }()

  static func selected(_ bytes: [UInt8]) { selectedTarget(bytes) }
}
