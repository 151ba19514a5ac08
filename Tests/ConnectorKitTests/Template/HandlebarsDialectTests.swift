import Testing
@testable import ConnectorKit

/// Handlebars as Iterable uses it in webhook URLs, headers and bodies.
@Suite struct HandlebarsDialectTests {
    let event: JSONValue = [
        "email": "ana+vip@example.com", "firstName": "Ana", "workflowId": 88211, "total": 12.5, "zero": 0, "empty": "",
        "items": [["sku": "A-1", "qty": 2], ["sku": "B-2", "qty": 1]],
        "profile": ["city": "Austin", "tags": ["new", "vip"]],
        "createdAt": "2026-06-10 14:02:11 +00:00",
    ]

    private func render(_ source: String, _ escaping: TemplateEscaping = .none, data: JSONValue? = nil) throws -> String {
        try Template(source).render(data ?? event, escaping: escaping)
    }

    @Test func pathsThisParentsAndData() throws {
        #expect(try render("{{profile.city}} {{items.1.sku}} {{items.length}}") == "Austin B-2 2")
        #expect(try render("{{#each items}}{{@index}}:{{sku}}x{{this.qty}}{{#unless @last}}, {{/unless}}{{/each}}") == "0:A-1x2, 1:B-2x1")
        #expect(try render("{{#each profile}}{{@key}}{{#if @first}}!{{/if}};{{/each}}") == "city!;tags;")
        #expect(try render("{{#with profile}}{{city}} {{../firstName}} {{@root.email}}{{/with}}") == "Austin Ana ana+vip@example.com")
        #expect(try render("{{#each items}}{{../workflowId}}-{{sku}} {{/each}}") == "88211-A-1 88211-B-2 ")
        #expect(try render("{{#each profile.tags}}[{{this}}]{{/each}}") == "[new][vip]")
        #expect(try render("{{missing}}|{{missing.deep.path}}|{{profile.nothing}}") == "||")
    }

    @Test func conditionalsAndElseChains() throws {
        #expect(try render("{{#if firstName}}yes{{else}}no{{/if}} {{#if empty}}yes{{else}}no{{/if}} {{#if zero}}y{{else}}n{{/if}}") == "yes no n")
        #expect(try render("{{#if zero includeZero=true}}y{{else}}n{{/if}}") == "y")
        #expect(try render("{{#if empty}}a{{else if zero}}b{{else if firstName}}c{{else}}d{{/if}}") == "c")
        #expect(try render("{{#unless empty}}shown{{/unless}}") == "shown")
        #expect(try render("{{#each nothing}}x{{else}}none{{/each}}") == "none")
        #expect(try render("{{^items}}no items{{/items}}{{^nothing}}no nothing{{/nothing}}") == "no nothing")
    }

    @Test func comparisonAndLogicHelpers() throws {
        #expect(try render("{{eq workflowId 88211}} {{ne firstName \"Ana\"}} {{gt total 10}} {{lt total 10}}") == "true false true false")
        #expect(try render("{{#eq firstName \"Ana\"}}hi Ana{{else}}who?{{/eq}}") == "hi Ana")
        #expect(try render("{{#if (and firstName (gt total 10))}}big{{/if}} {{or empty zero}}") == "big false")
        #expect(try render("{{#or empty firstName}}one{{/or}}") == "one")
        #expect(try render("{{eq \"10\" 10}} {{gt \"9\" \"10\"}} {{eq 1 1.0}}") == "false false true")
    }

    @Test func stringHelpers() throws {
        #expect(try render("{{lowercase email}} {{uppercase firstName}} {{defaultIfEmpty empty \"n/a\"}} {{defaultIfEmpty firstName \"n/a\"}}")
                    == "ana+vip@example.com ANA n/a Ana")
        #expect(try render("{{defaultIfEmpty nothing 5}}") == "5")
        #expect(try render("{{toJson items}}", .json) == #"[{"sku":"A-1","qty":2},{"sku":"B-2","qty":1}]"#)
        #expect(try render("https://x.example/u?e={{#urlEncode}}{{email}}{{/urlEncode}}&f={{urlEncode firstName}}")
                    == "https://x.example/u?e=ana%2Bvip%40example.com&f=Ana")
    }

    @Test func dateFormat() throws {
        #expect(try render("{{dateFormat createdAt \"yyyy-MM-dd'T'HH:mm:ssXXX\"}}") == "2026-06-10T14:02:11Z")
        #expect(try render("{{dateFormat createdAt \"EEE, d MMM yyyy h:mm a\" tz=\"-05:00\"}}") == "Wed, 10 Jun 2026 9:02 AM")
        #expect(try render("{{dateFormat t \"MMMM dd, yyyy HH:mm:ss.SSS Z\"}}", data: ["t": 1_781_100_131_250]) == "June 10, 2026 14:02:11.250 +0000")
        #expect(try render("{{dateFormat t \"yyyy-MM-dd\"}}", data: ["t": "2024-02-29"]) == "2024-02-29")
        #expect(try render("{{dateFormat t \"yyyy\"}}|", data: ["t": "not a date"]) == "|")
        #expect(throws: TemplateRenderError.self) { try render("{{dateFormat createdAt \"yyyy-QQ\"}}") }
        #expect(throws: TemplateRenderError.self) { try render("{{dateFormat createdAt \"yyyy\" tz=\"Mars/Base\"}}") }
    }

    @Test func escapingFollowsTheOutput() throws {
        let data: JSONValue = ["v": "a\"b\\c\nd <&> é/?=#"]
        #expect(try render("{{v}}", .json, data: data) == #"a\"b\\c\nd <&> é/?=#"#)
        #expect(try render("{{v}}", .url, data: data) == "a%22b%5Cc%0Ad%20%3C%26%3E%20%C3%A9%2F%3F%3D%23")
        #expect(try render("{{v}}", .header, data: data) == "a\"b\\c d <&> é/?=#")
        #expect(try render("{{v}}", .html, data: data) == "a&quot;b\\c\nd &lt;&amp;&gt; é/?&#x3D;#")
        #expect(try render("{{{v}}}|{{&v}}", .json, data: data) == "a\"b\\c\nd <&> é/?=#|a\"b\\c\nd <&> é/?=#")
        #expect(try render(#"{"n": {{workflowId}}, "t": {{total}}, "name": "{{firstName}}"}"#, .json)
                    == #"{"n": 88211, "t": 12.5, "name": "Ana"}"#)
    }

    @Test func whitespaceControlAndComments() throws {
        #expect(try render("a  {{~firstName~}}  b") == "aAnab")
        #expect(try render("{{! a comment }}x{{!-- a }} comment --}}y") == "xy")
        #expect(try render("[\n  {{#each items}}\n  {{sku}}\n  {{/each}}\n]") == "[\n  A-1\n  B-2\n]")
    }

    @Test func numbersPrintAsJavaScriptDoes() throws {
        let data: JSONValue = ["a": .number(JSONNumber(uncheckedLiteral: "1.210")), "b": .number(JSONNumber(uncheckedLiteral: "100.0")),
                               "c": .number(JSONNumber(uncheckedLiteral: "1e21")), "d": .number(JSONNumber(uncheckedLiteral: "1e-7")), "e": [1, .null, "x"]]
        #expect(try render("{{a}} {{b}} {{c}} {{d}} {{e}}", data: data) == "1.21 100 1e+21 1e-7 1,,x")
        let literals: [(String, String)] = [("66.07", "66.07"), ("-0.5", "-0.5"), ("65.0", "65"), ("0.000001", "0.000001"), ("0.0000001", "1e-7"),
                                            ("1.2345678901234567", "1.2345678901234567"), ("12.50", "12.5")]
        for (literal, printed) in literals {
            #expect(try render("{{n}}", data: ["n": .number(JSONNumber(uncheckedLiteral: literal))]) == printed, "\(literal)")
        }
    }

    @Test func authorsRegisterHelpers() throws {
        var helpers = TemplateHelpers.standard
        helpers.register("initials", TemplateHelper(arguments: 1...1) { input in
            .value(.string(TemplateValue.text(input.arguments[0]).split(separator: " ").compactMap(\.first).map(String.init).joined()))
        })
        helpers.register("repeat", TemplateHelper(arguments: 0...0, block: true, inline: false) { input throws(TemplateRenderError) in
            let times = Int(TemplateValue.text(input.hash("times") ?? 1)) ?? 1
            var out = ""
            for _ in 0..<times { out += try input.renderBody(input.context) }
            return .safe(out)
        })
        let template = try Template("{{initials name}} {{#repeat times=3}}{{short}}{{/repeat}}", helpers: helpers)
        #expect(try template.render(["name": "Ana Maria Lopez", "short": "ab"], escaping: .none) == "AML ababab")
    }

    @Test func blockHelpersRenderingTheSameContextAddNoLevel() throws {
        var helpers = TemplateHelpers.standard
        helpers.register("twice", TemplateHelper(arguments: 0...0, block: true, inline: false) { input throws(TemplateRenderError) in
            let once = try input.renderBody(input.context)
            return .safe(once + (try input.renderBody(input.context)))
        })
        let template = try Template("{{#each items}}{{#twice}}{{sku}}@{{../workflowId}} {{/twice}}{{/each}}", helpers: helpers)
        #expect(try template.render(event, escaping: .none) == "A-1@88211 A-1@88211 B-2@88211 B-2@88211 ")
    }

    @Test func singlePathTemplatesAreRecognised() throws {
        #expect(try Template("{{dataFields.promotionId}}").singlePath == JSONPath([.key("dataFields"), .key("promotionId")]))
        #expect(try Template(" {{x}}").singlePath == nil)
        #expect(try Template("{{lowercase x}}").singlePath == nil)
    }
}
