// swift-tools-version: 6.0
import PackageDescription

/// Release links tuned for start-up, which is most of a one-shot `pub` (bench/raw_verbs.py measures
/// each step): no PIE, so the loader has no 40,000 relocations to apply to the 30 MB image; libstdc++
/// and libgcc linked in rather than loaded and bound at every start (scripts/link/libstdc++.so); and
/// only the symbols shared libraries need in the dynamic table; and the functions a start runs placed
/// together (scripts/link/startup-order.txt, written by scripts/startup-order), so that the kernel maps
/// them with a few dozen page faults instead of a hundred (gold's --section-ordering-file; it needs each
/// function in a section of its own, see releaseMetadata). Set IOTCTL_PIE=1 to keep PIE (ASLR for
/// the executable) at the cost of about 0.8 ms per start.
let releaseStartup: [LinkerSetting] = [
  .unsafeFlags(
    (Context.environment["IOTCTL_PIE"] == "1" ? [] : ["-Xclang-linker", "-no-pie"]) + [
      "-Xclang-linker", "-static-libgcc",
      "-Xlinker", "--no-export-dynamic",
      "-L\(Context.packageDirectory)/scripts/link",
      "-Xlinker", "--section-ordering-file=\(Context.packageDirectory)/scripts/link/startup-order.txt",
    ],
    .when(platforms: [.linux], configuration: .release)
  )
]

/// Generic types' metadata reached through direct accessor calls, not by demangling a type name at
/// run time: the demangler looks up each generic argument's conformances by scanning every
/// conformance record in the binary. That was a tenth of a one-shot `pub` (callgrind: 4.28M to 3.85M
/// instructions; issue 17). The code is a little larger. Each function in a section of its own, for
/// releaseStartup's ordering.
let releaseMetadata: [SwiftSetting] = [
  .unsafeFlags(
    ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
    .when(configuration: .release)
  ),
  .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release)),
]

/// zlib's archive in the release binary, for the one function iotctl uses (crc32, for checksums): one
/// shared library fewer to map and bind at every start (about 0.05 ms; issue 17).
let zlibLink: [LinkerSetting] = [
  .linkedLibrary("z", .when(platforms: [.macOS])),
  .linkedLibrary("z", .when(platforms: [.linux], configuration: .debug)),
  .unsafeFlags(["-Xlinker", "-l:libz.a"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
  name: "iotctl",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "iotctl", targets: ["iotctl"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CMosquitto",
      pkgConfig: "libmosquitto",
      providers: [.apt(["libmosquitto-dev"])]
    ),
    .systemLibrary(
      name: "COpenSSL",
      pkgConfig: "openssl",
      providers: [.apt(["libssl-dev"])]
    ),
    // Linked by IotctlDialect, which uses it: shared in debug builds, the archive in release (zlibLink).
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    // What the C library has but Swift's Glibc module does not show (epoll, posix_spawn's close-from), and libcurl loaded on first use
    // (its headers from libcurl4-openssl-dev; nothing linked).
    .target(
      name: "CSystem",
      // A section per function, like the Swift modules' (releaseMetadata), so that the start-up order reaches them.
      cSettings: [.unsafeFlags(["-ffunction-sections"], .when(platforms: [.linux], configuration: .release))]
    ),
    // Topic rules, clocks and byte searches: pure Swift, shared by the session bridge, the schema and the dialect layers.
    .target(name: "IotctlBase", swiftSettings: releaseMetadata),
    .target(
      name: "IotctlMQTT", dependencies: ["IotctlBase", "CMosquitto", "COpenSSL", "CSystem"], swiftSettings: releaseMetadata),
    .target(name: "IotctlSchema", dependencies: ["IotctlBase"], swiftSettings: releaseMetadata, linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
    // Profiles, templates, the compiler, contexts, shapes and checksums: no session, no libmosquitto.
    .target(
      name: "IotctlDialect",
      dependencies: ["IotctlBase", "IotctlSchema", "COpenSSL", "CZlib"],
      resources: [
        .embedInCode("Dialects/profile.schema.json"),
        .embedInCode("Dialects/thingsboard.json"),
        .embedInCode("Dialects/kaa.json"),
        .embedInCode("Dialects/edgeiq.json"),
        .embedInCode("Dialects/xyte.json"),
        .embedInCode("Dialects/mediumone.json"),
      ],
      swiftSettings: releaseMetadata,
      linkerSettings: zlibLink
    ),
    // Everything that runs a platform's exchange on a session.
    .target(
      name: "IotctlDevice", dependencies: ["IotctlMQTT", "IotctlSchema", "IotctlDialect", "CSystem"],
      resources: [
        .embedInCode("Simulation/Scenarios/scenario.schema.json"),
        .embedInCode("Simulation/Scenarios/thermostat.json"),
        .embedInCode("Simulation/Scenarios/sensor.json"),
        .embedInCode("Simulation/Scenarios/kaa-endpoint.json"),
        .embedInCode("Simulation/Scenarios/tb-firmware.json"),
      ],
      swiftSettings: releaseMetadata
    ),
    .executableTarget(
      name: "iotctl",
      dependencies: [
        "IotctlMQTT",
        "IotctlSchema",
        "IotctlDialect",
        "IotctlDevice",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: releaseMetadata,
      linkerSettings: releaseStartup
    ),
    // The fuzz targets: `iotctl-fuzz TARGET FILE...` replays inputs (the regression tests do); scripts/fuzz
    // builds the same sources with libFuzzer (-sanitize=fuzzer -D FUZZING).
    .executableTarget(
      name: "iotctl-fuzz", dependencies: ["IotctlSchema", "IotctlDialect", "IotctlDevice"], path: "Fuzz", exclude: ["Regressions"]),
    .target(name: "IotctlTestSupport", dependencies: ["CSystem"], path: "Tests/IotctlTestSupport"),
    .testTarget(name: "IotctlBaseTests", dependencies: ["IotctlBase"]),
    .testTarget(name: "IotctlMQTTTests", dependencies: ["IotctlMQTT", "IotctlTestSupport"]),
    .testTarget(name: "IotctlSchemaTests", dependencies: ["IotctlSchema", "IotctlTestSupport"]),
    .testTarget(name: "IotctlDialectTests", dependencies: ["IotctlDialect", "IotctlSchema"], exclude: ["Golden"]),
    .testTarget(
      name: "IotctlDeviceTests", dependencies: ["IotctlBase", "IotctlDevice", "IotctlDialect", "IotctlSchema", "IotctlTestSupport"]),
    .testTarget(
      name: "IotctlTests",
      dependencies: ["iotctl", "IotctlSchema", "IotctlTestSupport"],
      exclude: ["Peers"]
    ),
  ]
)
