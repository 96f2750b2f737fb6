import ArgumentParser
import IotctlDialect

extension Iotctl.Dialects {
  /// `iotctl dialects lint FILE...`.
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lint",
      abstract: "Check profile files: JSON syntax, the profile format, templates and schemas.",
      discussion: "Prints 'FILE: ok', or each problem with its line or JSON Pointer. Exits 3 if any file has a problem.")

    @Argument(help: "Profile files.", completion: .file(extensions: ["json"]))
    var files: [String]

    func validate() throws {
      if files.isEmpty { throw ValidationError("name at least one profile file") }
    }

    func run() throws {
      let catalog = ProfileCatalog(environment: Environment.all)
      let out = StandardOutput()
      var failed = 0
      for file in files {
        let problems = catalog.lint(file: file)
        if problems.isEmpty {
          out.write("\(file): ok\n")
        } else {
          failed += 1
          for problem in problems { out.write(problem + "\n") }
        }
      }
      out.flush()
      if failed > 0 { throw CLIError.input("\(failed) of \(files.count) profile files \(failed == 1 ? "has" : "have") problems (listed on stdout)") }
    }
  }
}
