import ArgumentParser
import IotctlDialect
import IotctlSchema

extension Iotctl.Dialects {
  /// `iotctl dialects list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the built-in and user dialects.")

    @OptionGroup var output: ListingFormatOptions

    func run() throws {
      let catalog = ProfileCatalog(environment: Environment.all)
      var rows: [(name: String, origin: String, profile: DialectProfile?, problem: String?)] = []
      for (name, origin) in catalog.available() {
        do {
          rows.append((name, origin, try catalog.load(name), nil))
        } catch {
          rows.append((name, origin, nil, error.description))
        }
      }
      let out = StandardOutput()
      switch output.format {
      case .json:
        let entries: [JSONValue] = rows.map { row in
          var entry = JSONObject()
          entry["name"] = .string(row.name)
          entry["origin"] = .string(row.origin)
          if let profile = row.profile {
            entry["title"] = .string(profile.title)
            entry["operations"] = .number(JSONNumber(profile.operations.count))
          }
          if let problem = row.problem { entry["error"] = .string(problem) }
          return .object(entry)
        }
        out.write(JSONValue.array(entries).jsonText + "\n")
      case .text:
        var table = TextTable()
        table.add(["NAME", "ORIGIN", "OPS", "TITLE"])
        for row in rows {
          table.add([
            row.name, row.origin, row.profile.map { String($0.operations.count) } ?? "-",
            row.profile?.title ?? "error: \(row.problem ?? "")",
          ])
        }
        out.write(table.rendered)
      }
      out.flush()
    }
  }
}
