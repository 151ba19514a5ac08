import Foundation
import Testing
@testable import ConnectorKit

/// The public Mustache spec (vendored with its license in `Tests/Fixtures/mustache-spec/`): the
/// parts Handlebars shares.
/// Every case passes, or is listed in ``deviations`` with the reason.
@Suite struct MustacheSpecTests {
    /// Deliberate Handlebars deviations: spec case → why Hookline differs.
    static let deviations: [String: String] = [:]

    struct SpecCase: CustomTestStringConvertible, Sendable {
        var file: String
        var name: String
        var template: String
        var data: JSONValue
        var expected: String
        var testDescription: String { "\(file): \(name)" }
    }

    static let specDirectory = RepositoryFiles.mustacheSpec

    static let cases: [SpecCase] = {
        var cases: [SpecCase] = []
        for file in ["interpolation", "sections", "inverted", "comments"] {
            let url = specDirectory.appendingPathComponent("\(file).json")
            guard let data = try? Data(contentsOf: url), let spec = try? JSONParser.parse(Array(data)) else {
                return [SpecCase(file: file, name: "spec file missing at \(url.path)", template: "", data: .null, expected: "<missing>")]
            }
            for test in spec["tests"]?.arrayValue ?? [] {
                cases.append(SpecCase(file: file, name: test["name"]?.stringValue ?? "?", template: test["template"]?.stringValue ?? "",
                                      data: test["data"] ?? .null, expected: test["expected"]?.stringValue ?? ""))
            }
        }
        return cases
    }()

    @Test func theSpecIsThere() {
        #expect(Self.cases.count == 42 + 34 + 22 + 12)
    }

    @Test(arguments: cases)
    func specCase(_ spec: SpecCase) throws {
        let rendered: String
        do {
            rendered = try Template(spec.template).render(spec.data, escaping: .html)
        } catch {
            if Self.deviations[spec.name] == nil { Issue.record("\(error)") }
            return
        }
        if Self.deviations[spec.name] != nil {
            #expect(rendered != spec.expected, "listed as a deviation but passes: remove it from the list")
        } else {
            #expect(rendered == spec.expected, "template: \(spec.template.debugDescription)")
        }
    }
}
