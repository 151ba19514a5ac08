import ArgumentParser
import ConnectorKit
import HooklineHTTP

/// `hookline connectors call ID ACTION --input IN.json --connection C.json [--base-url URL]`.
struct ConnectorsCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Perform one action for real and print its output.",
        discussion: """
            The input is checked against the action's fields first. The connection file is an object: \
            {"auth": "api-key", "apiKey": "...", "region": "eu", "baseURL": "...", "headers": {...}} (members by \
            auth scheme: see 'connectors describe'). Failures print the error kind (retryable, authentication, \
            permanent), the status and a body excerpt on stderr, and exit 1.
            """
    )

    @Argument(help: "The connector id, e.g. cloutly or cloutly@1.")
    var id: String

    @Argument(help: "The action id, e.g. send_review_invite.")
    var action: String

    @Option(help: "The action's input, a JSON file ('-': standard input).")
    var input: String

    @Option(help: "The connection, a JSON file.")
    var connection: String

    @Option(name: .customLong("base-url"), help: "Send requests here instead (e.g. a loopback server).")
    var baseURL: String?

    @Option(help: "Seconds a request may take.")
    var timeout: Double = 10

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    }

    func run() async throws {
        let found: (connector: any Connector, action: any Action)
        do {
            found = try ConnectorsCommand.registry.action(id, action)
        } catch {
            throw CommandFailure.report("error: \(error)")
        }
        let inputValue: JSONValue
        var resolved: Connection
        do throws(InputError) {
            inputValue = try InputFile.json(input)
            let connectionJSON = try InputFile.json(connection)
            do {
                resolved = try Connection(json: connectionJSON, spec: found.connector.connection)
            } catch {
                throw InputError(error.diagnostics.map { "\(connection): \($0)" }.joined(separator: "\n"))
            }
        } catch {
            throw CommandFailure.report(error.description)
        }
        if let baseURL { resolved.baseURL = baseURL }
        do {
            let context = try found.connector.context(resolved, transport: HTTPClientTransport(), timeout: .milliseconds(Int64(timeout * 1000)))
            let output = try await found.action.run(inputValue, context: context)
            StandardOutput.write(output.serialized(options: JSONWriteOptions(pretty: true)) + "\n")
        } catch {
            var message = "error: \(error.kind.rawValue) (\(error.code)): \(error.message)"
            if let status = error.status { message += "\nstatus: \(status)" }
            if let excerpt = error.bodyExcerpt, !excerpt.isEmpty { message += "\nbody: \(excerpt)" }
            if let retryAfter = error.retryAfter { message += "\nretry after: \(retryAfter.components.seconds) s" }
            throw CommandFailure.report(Redaction.redact(message, secrets: resolved.secrets))
        }
    }
}
