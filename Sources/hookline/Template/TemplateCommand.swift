import ArgumentParser
import ConnectorKit

/// `hookline template ...`: work with Handlebars templates.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render Handlebars templates (Iterable's dialect).",
        subcommands: [RenderCommand.self]
    )
}

/// `hookline template render TEMPLATE --data DATA.json | --ndjson EVENTS.ndjson`.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a template with JSON data.",
        discussion: """
            Values are escaped for where the output goes: --escape json (inside JSON strings), url, \
            header, html or none. The default follows the template file's extension: .json → json, \
            .html/.htm → html, anything else → none. With --ndjson the template renders once per \
            event line and prints one line per render: JSON output is compacted onto one line, other \
            output has its line breaks replaced by spaces.
            """
    )

    @Argument(help: "The template file.")
    var template: String

    @Option(help: "A JSON file with the data ('-': standard input).")
    var data: String?

    @Option(help: "An NDJSON file of events: one render per line.")
    var ndjson: String?

    @Option(help: "Escaping: json, url, header, html or none.")
    var escape: TemplateEscaping?

    func validate() throws {
        if (data == nil) == (ndjson == nil) { throw ValidationError("give exactly one of --data and --ndjson") }
    }

    func run() async throws {
        let source: String
        let compiled: Template
        do {
            source = String(decoding: try InputFile.bytes(template), as: UTF8.self)
        } catch {
            throw CommandFailure.report(error.description)
        }
        do {
            compiled = try Template(source)
        } catch {
            throw CommandFailure.report("\(template):\(error.line):\(error.column): error: \(error.message)\n\(error.excerpt)")
        }
        let escaping = escape ?? defaultEscaping
        if let data {
            let value: JSONValue
            do { value = try InputFile.json(data) } catch { throw CommandFailure.report(error.description) }
            do {
                StandardOutput.write(try compiled.render(value, escaping: escaping))
            } catch {
                throw CommandFailure.report("\(template): error: \(error.message)")
            }
            return
        }
        try renderEach(compiled, escaping: escaping)
    }

    private var defaultEscaping: TemplateEscaping {
        let lower = template.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        return .none
    }

    private func renderEach(_ compiled: Template, escaping: TemplateEscaping) throws {
        let path = ndjson!
        let bytes: [UInt8]
        do { bytes = try InputFile.bytes(path) } catch { throw CommandFailure.report(error.description) }
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        var line = 0
        var start = 0
        while start < bytes.count {
            line += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            let record = bytes[start..<end]
            guard record.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            let event: JSONValue
            do {
                event = try JSONParser.parse(Array(record))
            } catch {
                throw CommandFailure.report("\(path):\(line):\(error.column): error: \(error.message)")
            }
            var rendered: [UInt8]
            do {
                rendered = try compiled.renderBytes(event, escaping: escaping)
            } catch {
                throw CommandFailure.report("\(path):\(line): error: \(error.message)")
            }
            if rendered.contains(0x0A) || rendered.contains(0x0D) {
                if let json = try? JSONParser.parse(rendered) {
                    rendered = []
                    json.write(to: &rendered)
                } else {
                    rendered = rendered.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
                }
            }
            output.append(contentsOf: rendered)
            output.append(0x0A)
            if output.count > 1 << 20 {
                StandardOutput.write(String(decoding: output, as: UTF8.self))
                output.removeAll(keepingCapacity: true)
            }
        }
        StandardOutput.write(String(decoding: output, as: UTF8.self))
    }
}

extension TemplateEscaping: ExpressibleByArgument {}
