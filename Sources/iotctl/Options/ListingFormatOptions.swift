import ArgumentParser

/// `--output text|json` for listings.
struct ListingFormatOptions: ParsableArguments {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(name: .customLong("output"), help: "text (a table for people) or json (for scripts).")
  var format: Format = .text
}
