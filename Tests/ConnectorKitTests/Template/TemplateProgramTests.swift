import Testing
@testable import ConnectorKit

/// Root renders run a compiled ``TemplateProgram``; renders with a context stack (mappings)
/// run the node tree. Both must write the same bytes.
@Suite struct TemplateProgramTests {
    /// The program's render and the tree renderer's, for the same root.
    private func bothRenders(_ template: Template, _ data: JSONValue, _ escaping: TemplateEscaping) -> (program: [UInt8]?, tree: [UInt8]?) {
        (try? template.renderBytes(data, escaping: escaping), try? template.renderBytes(contexts: [data], escaping: escaping))
    }

    @Test func stringLayoutCheckHolds() {
        // On the 64-bit platforms this package ships for, member names match by their words.
        #expect(StringBits.layoutIsAsExpected)
    }

    @Test func keysMatchWhateverTheirStringRepresentation() throws {
        // A short key held in a heap buffer (not the inline form) and keys longer than 15 bytes.
        var heapKey = ""
        heapKey.reserveCapacity(64)
        heapKey += "name"
        var object = JSONObject()
        object.appendUnchecked(key: "aVeryLongMemberName", value: "long")
        object.appendUnchecked(key: heapKey, value: "heap")
        object.appendUnchecked(key: "café", value: "accented")
        object.appendUnchecked(key: "nested", value: ["anotherVeryLongMemberName": 7])
        let data = JSONValue.object(object)
        let template = try Template("{{aVeryLongMemberName}} {{name}} {{café}} {{nested.anotherVeryLongMemberName}} {{missingButLongerThan15}}")
        #expect(try template.render(data, escaping: .none) == "long heap accented 7 ")
    }

    @Test func blocksAndDataVariablesMatchTheTreeRenderer() throws {
        let data: JSONValue = [
            "items": [["sku": "a", "qty": 1, "tags": ["x", "y"]], ["sku": "b&c", "qty": 0, "tags": []], ["sku": "d", "qty": 2.50]],
            "meta": ["k1": "v1", "k2": "v2"], "title": "T <1>", "zero": 0, "empty": [], "flag": true,
        ]
        let sources = [
            "{{#each items}}{{@index}}:{{sku}}{{#if @first}}F{{/if}}{{#unless @last}},{{/unless}}{{/each}}",
            "{{#each items}}{{#each tags}}{{this}}{{#if @last}}.{{/if}}{{../sku}}{{@../index}}{{/each}}{{else}}none{{/each}}",
            "{{#each meta}}{{@key}}={{this}}{{#if @index}};{{/if}}{{/each}}",
            "{{#each empty}}x{{else}}empty{{/each}}{{#if zero}}z{{else}}nz{{/if}}{{#unless flag}}u{{/unless}}",
            "{{#each items}}{{title}}|{{qty}}|{{defaultIfEmpty missing sku}}|{{items.length}}{{/each}}",
            "{{#urlEncode}}{{title}} & {{#each items}}{{sku}} {{/each}}{{/urlEncode}}",
            "{{#with meta}}{{k1}}{{/with}}{{#items}}{{sku}}{{/items}}{{^empty}}no{{/empty}}{{items.0.sku}}{{title.length}}",
        ]
        for source in sources {
            let template = try Template(source)
            for escaping in TemplateEscaping.allCases {
                let (program, tree) = bothRenders(template, data, escaping)
                #expect(program != nil && program == tree, "\(source) (\(escaping))")
            }
        }
    }

    @Test func pathsThroughOpenedRootMembersKeepMustacheLookup() throws {
        // `d` is opened in the root once per render; an element's own `d` still comes first.
        let data: JSONValue = ["d": ["x": 1, "s": "text"], "list": [["d": ["x": 2]], ["y": 3], ["d": "flat"]], "n": [1, 2]]
        let template = try Template("{{d.x}}{{#each list}}[{{d.x}}]{{/each}}{{nope.x}}{{d.s.length}}{{n.length}}{{n.1}}{{d.missing}}")
        #expect(try template.render(data, escaping: .none) == "1[2][1][]422")
        let (program, tree) = bothRenders(template, data, .html)
        #expect(program != nil && program == tree)
    }

    @Test func defaultIfEmptyPicksLikeTheHelper() throws {
        let data: JSONValue = ["null": .null, "empty": "", "zero": 0, "no": false, "text": "a<b", "fallback": "f&g", "list": []]
        let template = try Template(
            "{{defaultIfEmpty missing 1.5}}|{{defaultIfEmpty null fallback}}|{{defaultIfEmpty empty \"none\"}}|{{defaultIfEmpty zero 9}}|"
                + "{{defaultIfEmpty no 9}}|{{defaultIfEmpty text 9}}|{{{defaultIfEmpty null fallback}}}|{{defaultIfEmpty empty alsoMissing}}|"
                + "{{defaultIfEmpty list 9}}")
        #expect(try template.render(data, escaping: .html) == "1.5|f&amp;g|none|0|false|a&lt;b|f&g||")
        let (program, tree) = bothRenders(template, data, .json)
        #expect(program != nil && program == tree)
    }

    @Test func outputOutgrowsItsFirstBufferAndStaysWithinTheLimit() throws {
        let long = String(repeating: "é&", count: 2000)
        let template = try Template("{{#urlEncode}}{{text}}{{/urlEncode}}{{text}}", limits: TemplateLimits(maxOutputBytes: 100_000))
        let data: JSONValue = ["text": .string(long)]
        let (program, tree) = bothRenders(template, data, .html)
        #expect(program != nil && program == tree)
        #expect((program?.count ?? 0) > 20_000)
        let limited = try Template("{{#each items}}{{text}}{{/each}}", limits: TemplateLimits(maxOutputBytes: 1000))
        #expect(throws: TemplateRenderError.self) { try limited.render(["items": [1, 2, 3], "text": .string(long)], escaping: .none) }
    }

    /// The fuzz alphabet of ``TemplateErrorTests``: every template that compiles renders the
    /// same bytes (or fails the same way) through the program and the tree.
    @Test(arguments: 0..<8)
    func fuzzedTemplatesRenderAsTheTreeDoes(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 1000)
        let pieces = ["{{", "}}", "{{{", "}}}", "#if ", "#each ", "#unless ", "#with ", "/if", "/each", "/unless", "/with", "else", "^",
                      "a", "b.c", "b", "../", "this", "@index", "@first", "@last", "@key", " ", "\"s\"", "1", "defaultIfEmpty ",
                      "urlEncode", "#urlEncode}}", "{{/urlEncode", "{{a}}", "{{#each a}}{{this}}{{/each}}", "{{#each b}}{{@key}}{{c}}{{/each}}"]
        var values = RandomSamples(seed: UInt64(seed) &+ 1000)
        for _ in 0..<400 {
            let source = (0..<random.int(14)).map { _ in pieces[random.int(pieces.count)] }.joined()
            guard let template = try? Template(source, limits: TemplateLimits(maxOutputBytes: 4096)) else { continue }
            let data: JSONValue = ["a": values.value(depth: 0), "b": values.object(depth: 1)]
            for escaping in TemplateEscaping.allCases {
                let (program, tree) = bothRenders(template, data, escaping)
                #expect(program == tree, "\(source)")
            }
        }
    }
}
