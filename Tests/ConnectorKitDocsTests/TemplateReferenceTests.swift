@testable import ConnectorKit
import Foundation
import Testing

/// TemplatesAndMappings.md: every helper and mapping directive has a section, and every
/// example in it renders to the output it shows.
@Suite struct TemplateReferenceTests {
    static let article = try! DocumentationCatalog.text("TemplatesAndMappings.md")
    static let blocks = DocumentationCatalog.blocks(of: article)

    /// A template, its data and its output; or a mapping, its event and its result (or error).
    struct Example: CustomStringConvertible {
        var section: String
        var line: Int
        var source: DocumentationCatalog.Block
        var input: DocumentationCatalog.Block
        var expected: DocumentationCatalog.Block

        var description: String { "TemplatesAndMappings.md:\(line) (\(section))" }
    }

    static let examples: [Example] = {
        var examples: [Example] = []
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            if block.label == "Template:" || block.label == "Mapping:", index + 2 < blocks.count {
                examples.append(Example(section: block.section, line: block.line, source: block, input: blocks[index + 1], expected: blocks[index + 2]))
                index += 3
            } else {
                index += 1
            }
        }
        return examples
    }()

    static let templateExamples = examples.filter { $0.source.label == "Template:" }
    static let mappingExamples = examples.filter { $0.source.label == "Mapping:" }

    @Test func everyLabelledBlockBelongsToAnExample() {
        let used = Set(Self.examples.flatMap { [$0.source.line, $0.input.line, $0.expected.line] })
        let labels = ["Template:", "Data:", "Mapping:", "Event:", "Result:", "Error:"]
        for block in Self.blocks where labels.contains(block.label) || block.label.hasPrefix("Output") {
            #expect(used.contains(block.line), "TemplatesAndMappings.md:\(block.line): a '\(block.label)' block outside a complete example")
        }
        #expect(Self.templateExamples.count >= 23)
        #expect(Self.mappingExamples.count >= 10)
    }

    @Test func everyRegisteredHelperHasASectionWithAnExample() {
        let sections = DocumentationCatalog.sections(of: Self.article, in: "Template helpers")
        #expect(TemplateHelpers.standard.names.count == 12)
        for name in TemplateHelpers.standard.names {
            #expect(sections.contains(name), "the helper '\(name)' has no '### \(name)' section under '## Template helpers'")
            #expect(Self.templateExamples.contains { $0.section == name && $0.source.body.contains(name) },
                    "the section of '\(name)' has no example that uses it")
        }
        #expect(sections.sorted() == TemplateHelpers.standard.names, "a section documents a helper the engine does not register")
    }

    @Test func everyTemplateDirectiveHasASectionWithAnExample() {
        let sections = DocumentationCatalog.sections(of: Self.article, in: "Template directives")
        let directives = ["Paths", "Escaping and raw output", "if, else if, else", "unless", "each", "with", "Sections", "Comments", "Whitespace control"]
        #expect(sections == directives)
        for section in sections {
            #expect(Self.templateExamples.contains { $0.section == section }, "'\(section)' has no example")
        }
    }

    @Test func everyMappingDirectiveHasASectionWithAnExample() {
        let sections = DocumentationCatalog.sections(of: Self.article, in: "Mapping directives")
        let documented = Set(sections.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
        for keyword in MappingCompilation.keywords {
            #expect(documented.contains(keyword), "the mapping directive '\(keyword)' has no section under '## Mapping directives'")
        }
        for section in sections {
            #expect(Self.mappingExamples.contains { $0.section == section }, "'\(section)' has no example")
        }
    }

    @Test(arguments: templateExamples)
    func templateExampleRendersAsShown(_ example: Example) throws {
        #expect(example.input.label == "Data:", "\(example): the template must be followed by a Data: block")
        let label = example.expected.label
        #expect(label.hasPrefix("Output"), "\(example): expected an Output: block, found '\(label)'")
        var escaping = TemplateEscaping.none
        if let range = label.range(of: "(escaping: ") {
            let name = label[range.upperBound...].prefix { $0 != ")" }
            escaping = try #require(TemplateEscaping(rawValue: String(name)), "\(example): unknown escaping '\(name)'")
        }
        let template = try Template(example.source.body)
        let data = try JSONParser.parse(example.input.body)
        #expect(try template.render(data, escaping: escaping) == example.expected.body, "\(example)")
    }

    @Test(arguments: mappingExamples)
    func mappingExampleGivesTheResultShown(_ example: Example) throws {
        #expect(example.input.label == "Event:", "\(example): the mapping must be followed by an Event: block")
        let (mapping, diagnostics) = MappingCompiler().compile(try JSONParser.parse(example.source.body))
        let compiled = try #require(mapping, "\(example): \(diagnostics)")
        let event = try JSONParser.parse(example.input.body)
        switch example.expected.label {
        case "Result:":
            #expect(try compiled.apply(to: event) == JSONParser.parse(example.expected.body), "\(example)")
        case "Error:":
            #expect(throws: MappingError.self, "\(example)") { try compiled.apply(to: event) }
            do {
                _ = try compiled.apply(to: event)
            } catch {
                #expect(error.description.contains(example.expected.body), "\(example): \(error)")
            }
        default:
            Issue.record("\(example): expected a Result: or Error: block, found '\(example.expected.label)'")
        }
    }
}
