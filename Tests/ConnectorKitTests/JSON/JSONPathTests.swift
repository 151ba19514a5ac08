import Testing
@testable import ConnectorKit

@Suite struct JSONPathTests {
    let event: JSONValue = ["dataFields": ["items": [["sku": "A-1"], ["sku": "B-2"]], "a.b": 1, "x/y~z": 2]]

    @Test func dottedPaths() throws {
        let path = try JSONPath(dotted: "dataFields.items[1].sku")
        #expect(path.components == [.key("dataFields"), .key("items"), .index(1), .key("sku")])
        #expect(event.value(at: path) == "B-2")
        #expect(path.dotted == "dataFields.items[1].sku")
        let quoted = try JSONPath(dotted: #"dataFields["a.b"]"#)
        #expect(event.value(at: quoted) == 1)
        #expect(quoted.dotted == #"dataFields["a.b"]"#)
        #expect(try JSONPath(dotted: "a['x y']").components == [.key("a"), .key("x y")])
        #expect(try JSONPath(dotted: "").components.isEmpty)
        for bad in ["a..b", ".a", "a.", "a[", "a[x]", "a[1", "a[\"x]", "a[0]b", "a[01]", "a]b"] {
            #expect(throws: JSONPathError.self, "\(bad)") { try JSONPath(dotted: bad) }
        }
    }

    @Test func pointers() throws {
        let path = try JSONPath(pointer: "/dataFields/x~1y~0z")
        #expect(event.value(at: path) == 2)
        #expect(path.pointer == "/dataFields/x~1y~0z")
        #expect(event.value(at: try JSONPath(pointer: "/dataFields/items/0/sku")) == "A-1")
        #expect(event.value(at: try JSONPath(pointer: "/dataFields/items/01/sku")) == nil, "not a canonical index")
        #expect(try JSONPath(pointer: "").components.isEmpty)
        #expect(try JSONPath(pointer: "/").components == [.key("")])
        #expect(throws: JSONPathError.self) { try JSONPath(pointer: "a/b") }
        #expect(throws: JSONPathError.self) { try JSONPath(pointer: "/a~2") }
    }

    @Test func dottedAndPointerAgree() throws {
        for text in ["a.b[2].c", "x[\"y.z\"][0]", "_$-@.q"] {
            let path = try JSONPath(dotted: text)
            let again = try JSONPath(dotted: path.dotted)
            #expect(again == path)
            let viaPointer = try JSONPath(pointer: path.pointer)
            #expect(viaPointer.pointer == path.pointer)
        }
    }

    @Test func setValueCreatesAndReplaces() throws {
        var value: JSONValue = [:]
        try value.setValue("x", at: JSONPath(dotted: "a.b.c"))
        try value.setValue([1], at: JSONPath(dotted: "a.list"))
        try value.setValue(2, at: JSONPath(dotted: "a.list[1]"))
        try value.setValue(9, at: JSONPath(dotted: "a.list[0]"))
        #expect(value == ["a": ["b": ["c": "x"], "list": [9, 2]]])
        #expect(throws: JSONPathError.self) { try value.setValue(1, at: JSONPath(dotted: "a.list[5]")) }
        #expect(throws: JSONPathError.self) { try value.setValue(1, at: JSONPath(dotted: "a.b.c.d")) }
        #expect(value == ["a": ["b": ["c": "x"], "list": [9, 2]]], "a failed set leaves the value unchanged")
    }
}

extension JSONPathTests {
    @Test func pointerTokensEscapeTildeAndSlash() {
        #expect(JSONPath.pointerToken("plain") == "plain")
        #expect(JSONPath.pointerToken("a/b~c") == "a~1b~0c")
        #expect(JSONPath.pointerToken("~1") == "~01")
    }
}
