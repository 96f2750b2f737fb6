import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlSchema

extension Iotctl.Simulate {
  /// `iotctl simulate report`: one summary from the stats of several shards.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Merge the stats files of several shards into one summary.",
      discussion: """
        Reads the summary record of each stats file ('iotctl simulate --stats FILE') and adds their \
        counts and HDR histograms, so that the percentiles are those of the whole fleet, not an \
        average of the shards'. A file without a summary (a shard that did not finish) is an error.

        Example:
          parallel iotctl simulate --dialect thingsboard --var token='t{n}' \\
            --devices 400 --shard {}/4 --duration 5s -L mqtt://localhost:1883 \\
            --stats shard-{}.jsonl ::: 0 1 2 3
          iotctl simulate report shard-*.jsonl
        """)

    @Argument(help: "Stats files written by --stats.", completion: .file(extensions: ["jsonl"]))
    var files: [String]

    @OptionGroup var format: ListingFormatOptions

    func validate() throws {
      if files.isEmpty { throw ValidationError("name the stats files to merge") }
    }

    func run() throws {
      var stats = FleetStats()
      var devices = 0
      var peak = 0
      var elapsed = 0.0
      var scenario: String?
      var dialect: String?
      var problems: [String: Int] = [:]
      for file in files {
        let bytes: [UInt8]
        do { bytes = try FileContents.read(file) } catch { throw CLIError.input("cannot read stats file '\(file)': \(error.reason)") }
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        guard let summary = lines.lazy.compactMap({ try? JSONParser.parse($0) }).last(where: { $0["type"]?.stringValue == "summary" }) else {
          throw CLIError.input("stats file '\(file)' has no summary record: did its shard finish? Run it again, or leave the file out")
        }
        guard stats.merge(record: summary) else {
          throw CLIError.input("the summary in stats file '\(file)' has no histograms iotctl can read; was it written by 'iotctl simulate --stats'?")
        }
        devices += max(0, min(summary["devices"]?.numberValue?.intValue ?? 0, 1 << 40))
        peak += max(0, min(summary["peak_connected"]?.numberValue?.intValue ?? 0, 1 << 40))
        elapsed = max(elapsed, summary["elapsed_s"]?.numberValue?.doubleValue ?? 0)
        scenario = scenario ?? summary["scenario"]?.stringValue
        dialect = dialect ?? summary["dialect"]?.stringValue
        for member in summary["problems"]?.objectValue?.members ?? [] {
          problems[member.key, default: 0] += max(0, min(member.value.numberValue?.intValue ?? 0, 1 << 40))
        }
      }
      var record = JSONObject()
      record["type"] = "report"
      record["scenario"] = scenario.map(JSONValue.string) ?? .null
      record["dialect"] = dialect.map(JSONValue.string) ?? .null
      record["shards"] = .number(JSONNumber(files.count))
      record["devices"] = .number(JSONNumber(devices))
      // The sum of the shards' peaks: they need not have come at the same moment.
      record["peak_connected"] = .number(JSONNumber(peak))
      record["elapsed_s"] = FleetStats.seconds(elapsed)
      for (key, value) in stats.members(histograms: format.format == .json) { record[key] = value }
      if !problems.isEmpty { record["problems"] = FleetStats.listed(problems) }
      switch format.format {
      case .json: StandardOutput.print(JSONValue.object(record).jsonText + "\n")
      case .text: StandardOutput.print(SimulationSummary.text(.object(record)))
      }
    }
  }
}
