// swift-tools-version: 6.0
import PackageDescription

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
    .target(name: "IotctlMQTT", dependencies: ["CMosquitto", "COpenSSL"]),
    .target(name: "IotctlSchema", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
    .target(
      name: "IotctlCore",
      dependencies: ["IotctlMQTT", "IotctlSchema"],
      resources: [
        .embedInCode("Dialects/profile.schema.json"),
        .embedInCode("Dialects/thingsboard.json"),
        .embedInCode("Dialects/kaa.json"),
        .embedInCode("Dialects/edgeiq.json"),
        .embedInCode("Dialects/xyte.json"),
        .embedInCode("Dialects/mediumone.json"),
      ]
    ),
    .executableTarget(
      name: "iotctl",
      dependencies: [
        "IotctlMQTT",
        "IotctlSchema",
        "IotctlCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "IotctlTestSupport", path: "Tests/IotctlTestSupport"),
    .testTarget(name: "IotctlMQTTTests", dependencies: ["IotctlMQTT", "IotctlTestSupport"]),
    .testTarget(name: "IotctlSchemaTests", dependencies: ["IotctlSchema"]),
    .testTarget(name: "IotctlCoreTests", dependencies: ["IotctlCore", "IotctlSchema"], exclude: ["Golden"]),
    .testTarget(
      name: "IotctlTests",
      dependencies: ["iotctl", "IotctlSchema", "IotctlTestSupport"],
      exclude: ["Peers"]
    ),
  ]
)
