import Testing
@testable import ConnectorKit

/// Compile errors say what, where (line:column) and show the excerpt; renders stay bounded.
@Suite struct TemplateErrorTests {
    private func error(_ source: String) -> TemplateSyntaxError? {
        do {
            _ = try Template(source)
            return nil
        } catch {
            return error
        }
    }

    @Test func syntaxErrorsHavePositionsAndExcerpts() throws {
        let unclosed = try #require(error("Hello\n  {{#if ok}}yes"))
        #expect(unclosed.line == 2 && unclosed.column == 3)
        #expect(unclosed.message == "{{#if}} is never closed: add {{/if}}")
        #expect(unclosed.excerpt == "  {{#if ok}}yes\n  ^")
        #expect(unclosed.description.hasPrefix("line 2:3: {{#if}} is never closed"))

        let mismatch = try #require(error("{{#each items}}\n{{/if}}"))
        #expect(mismatch.message == "{{/if}} does not match {{#each}} opened on line 1")
        #expect(mismatch.line == 2 && mismatch.column == 1)

        let helper = try #require(error("{{lowercse name}}"))
        #expect(helper.message == "unknown helper 'lowercse' (did you mean 'lowercase'?)")
        #expect(helper.column == 3)

        #expect(try #require(error("{{eq a}}")).message == "'eq' takes 2 arguments, found 1")
        #expect(try #require(error("ab {{name")).message == "unterminated tag: close it with }}")
        #expect(try #require(error("{{{name}}")).message == "'{{{' must be closed with '}}}'")
        #expect(try #require(error("{{else}}")).message == "{{else}} outside a block")
        #expect(try #require(error("{{/x}}")).message == "{{/x}} closes nothing")
        #expect(try #require(error("{{}}")).message == "empty tag: write a name or path between the braces")
        #expect(try #require(error("{{> partial}}")).message == "partials ({{> name}}) are not supported")
        #expect(try #require(error("{{a..b}}")).message.contains("empty segment"))
        #expect(try #require(error("{{#if a b}}x{{/if}}")).message == "{{#if}} takes exactly one argument, found 2")
        #expect(try #require(error("{{!-- open comment")).message == "unterminated comment: close it with --}}")
        let nested = String(repeating: "{{#if a}}", count: 70) + String(repeating: "{{/if}}", count: 70)
        #expect(try #require(error(nested)).message == "blocks nested deeper than 64 levels")
    }

    /// Found by FuzzTemplate (RELIABILITY.md): a subexpression's argument count was not
    /// checked, so `(gt)` compiled and trapped on an out-of-range index when rendered.
    @Test func subexpressionArityIsCheckedWhenCompiling() throws {
        let fuzzed: [UInt8] = Array("{{#and email (or no ze".utf8) + Array(repeating: 0xEA, count: 15) + Array("ro) (gt)}}yes{{/and}}".utf8)
        #expect(try #require(error(String(decoding: fuzzed, as: UTF8.self))).message == "'gt' takes 2 arguments, found 0")
        let missing = try #require(error("{{#if (eq a)}}x{{/if}}"))
        #expect(missing.message == "'eq' takes 2 arguments, found 1")
        #expect(missing.line == 1 && missing.column == 8, "at the helper's name: \(missing.column)")
        #expect(try #require(error("{{lowercase (uppercase)}}")).message == "'uppercase' takes 1 argument, found 0")
        #expect(try #require(error("{{lowercase (uppercase a b)}}")).message == "'uppercase' takes 1 argument, found 2")
        #expect(try Template("{{#and a (gt b 1)}}yes{{/and}}").render(["a": true, "b": 2], escaping: .none) == "yes")
    }

    @Test func outputSizeIsLimited() throws {
        let template = try Template("{{#each items}}{{#each ../items}}{{../../big}}{{/each}}{{/each}}", limits: TemplateLimits(maxOutputBytes: 10_000))
        let data: JSONValue = ["items": .array(Array(repeating: 1, count: 100)), "big": .string(String(repeating: "x", count: 100))]
        #expect(throws: TemplateRenderError.self) { try template.render(data, escaping: .none) }
    }

    /// Random templates from a grammar-ish alphabet, rendered over random data: compile errors
    /// are fine, crashes are not, and every render stays within the output limit.
    @Test(arguments: 0..<8)
    func fuzzedTemplatesNeverCrash(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let pieces = ["{{", "}}", "{{{", "}}}", "#if ", "#each ", "#with ", "/if", "/each", "/with", "else", "^", "~", "!", "--",
                      "a", "b.c", "../", "this", "@index", "@key", "@root", " ", "\n", "\"s\"", "1", "-2.5", "(", ")", "=", "eq ",
                      "lowercase ", "urlEncode", "toJson ", "dateFormat ", "[x y]", "é", "{{a}}", "{{#each a}}{{this}}{{/each}}"]
        var values = RandomSamples(seed: UInt64(seed))
        for _ in 0..<400 {
            let source = (0..<random.int(14)).map { _ in pieces[random.int(pieces.count)] }.joined()
            guard let template = try? Template(source, limits: TemplateLimits(maxOutputBytes: 4096)) else { continue }
            let data: JSONValue = ["a": values.value(depth: 0), "b": values.object(depth: 1)]
            for escaping in TemplateEscaping.allCases {
                if let output = try? template.renderBytes(data, escaping: escaping) {
                    #expect(output.count <= 4096 + 1024)
                }
            }
        }
    }
}
