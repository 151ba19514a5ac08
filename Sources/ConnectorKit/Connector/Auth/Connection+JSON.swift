/// Reading a connection from JSON (a `--connection` file, a config's `connections` entry).
extension Connection {
    /// The members a connection object may have.
    public static let knownKeys = ["auth", "apiKey", "username", "password", "token", "clientId", "clientSecret",
                                   "tokenURL", "scope", "headers", "region", "baseURL"]
    private static let secretKeys: Set<String> = ["apiKey", "username", "password", "token", "clientId", "clientSecret"]

    /// The connection `json` describes, checked against `spec`.
    ///
    /// `auth` names one of the spec's schemes (default: its first); credentials are the members
    /// that scheme takes (``AuthScheme/credentialFields``). Every problem is collected, each at
    /// its JSON Pointer under `pointer`.
    /// - Throws: ``DiagnosticsError`` listing unknown members, a refused scheme, missing
    ///   credentials and malformed values.
    public init(json: JSONValue, spec: ConnectionSpec, at pointer: String = "") throws(DiagnosticsError) {
        var problems: [Diagnostic] = []
        guard let object = json.objectValue else {
            throw DiagnosticsError([Diagnostic(.error, "a connection is an object, found \(json.typeName)", at: pointer)])
        }
        var scheme = spec.auth[0]
        if let name = object["auth"] {
            if let match = spec.auth.first(where: { $0.name == name.stringValue }) {
                scheme = match
            } else {
                problems.append(Diagnostic(.error, "auth \(name.serialized()) is not accepted here", at: pointer + "/auth",
                                           hint: "use one of: \(spec.auth.map(\.name).joined(separator: ", "))"))
            }
        }
        self.init(auth: scheme)
        for member in object {
            let at = pointer + "/" + JSONPath.pointerToken(member.key)
            switch member.key {
            case "auth": continue
            case "headers":
                guard let headers = member.value.objectValue else {
                    problems.append(Diagnostic(.error, "headers is an object of name → value", at: at))
                    continue
                }
                for header in headers {
                    guard let value = header.value.stringValue else {
                        problems.append(Diagnostic(.error, "a header value is a string", at: at + "/" + JSONPath.pointerToken(header.key)))
                        continue
                    }
                    self.headers.append((name: header.key, value: Secret(value)))
                }
                continue
            default: break
            }
            guard Self.knownKeys.contains(member.key) else {
                problems.append(Diagnostic(.error, "unknown connection member '\(member.key)'", at: at,
                                           hint: Suggestion.closest(to: member.key, in: Self.knownKeys).map { "did you mean '\($0)'?" }
                                               ?? "known: \(Self.knownKeys.joined(separator: ", "))"))
                continue
            }
            guard let text = member.value.stringValue else {
                problems.append(Diagnostic(.error, "'\(member.key)' is a string, found \(member.value.typeName)", at: at))
                continue
            }
            switch member.key {
            case "region": region = text
            case "baseURL": baseURL = text
            case _ where Self.secretKeys.contains(member.key): credentials[member.key] = Secret(text)
            default: settings[member.key] = text
            }
        }
        problems += missingCredentials(at: pointer)
        if let region, spec.regions[region] == nil {
            problems.append(Diagnostic(.error, "unknown region '\(region)'", at: pointer + "/region",
                                       hint: spec.regions.isEmpty ? "this connector has no regions; use baseURL"
                                           : "known: \(spec.regions.keys.sorted().joined(separator: ", "))"))
        }
        if spec.requiresBaseURL, baseURL == nil {
            problems.append(Diagnostic(.error, "this connector needs a 'baseURL': where its requests go", at: pointer,
                                       hint: "add \"baseURL\": \"https://api.example.com\" (scheme, host and an optional base path)"))
        }
        if let baseURL {
            do { _ = try RequestURL(baseURL) } catch {
                problems.append(Diagnostic(.error, "baseURL: \(error.detail)", at: pointer + "/baseURL"))
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
    }

    private func missingCredentials(at pointer: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var groups: [String: Bool] = [:]
        for field in auth.credentialFields {
            let present = credentials[field.name].map { !$0.exposed.isEmpty } ?? settings[field.name].map { !$0.isEmpty } ?? false
            if let group = field.requiredGroup {
                groups[group, default: false] = groups[group, default: false] || present
            } else if !field.optional, !present {
                problems.append(Diagnostic(.error, "\(auth.name) authentication needs '\(field.name)'", at: pointer,
                                           hint: "add \"\(field.name)\": \"${ENV_VAR}\" to the connection"))
            }
        }
        for (group, satisfied) in groups where !satisfied {
            let names = auth.credentialFields.filter { $0.requiredGroup == group }.map(\.name)
            problems.append(Diagnostic(.error, "\(auth.name) authentication needs one of \(names.joined(separator: ", "))", at: pointer))
        }
        return problems
    }
}
