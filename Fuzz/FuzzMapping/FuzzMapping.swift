import ConnectorKit
import FuzzSupport

/// The compilers the mapping target runs every spec through: unchecked, and checked against
/// the source schema inferred from ``FuzzContext/event`` and a small target field list.
private let compilers: [MappingCompiler] = {
    let source: FieldSchema?
    do {
        source = try SchemaInferrer().infer(samples: [FuzzContext.event, FuzzContext.sparseEvent]).schema
    } catch {
        fatalError("cannot infer the fuzz context's schema: \(error)")
    }
    let target = [
        FieldSchema(name: "email", type: .string, optional: true, format: .email, requiredGroup: "contact"),
        FieldSchema(name: "phoneNumber", type: .string, optional: true, format: .phone, requiredGroup: "contact"),
        FieldSchema(name: "eventName", type: .string, optional: true),
        FieldSchema(name: "count", type: .integer, optional: true),
        FieldSchema(name: "dataFields", type: .object, optional: true, properties: [
            FieldSchema(name: "campaignId", type: .integer, optional: true),
        ]),
        FieldSchema(name: "lines", type: .array, optional: true, of: FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "code", type: .string), FieldSchema(name: "amount", type: .number, optional: true),
        ])),
    ]
    return [MappingCompiler(), MappingCompiler(source: source), MappingCompiler(source: source, target: target)]
}()

/// libFuzzer target for the mapping compiler: the input is a mapping spec as JSON; when it
/// parses it is compiled by each of ``compilers`` and every mapping that compiles is applied to
/// the fuzz context's events. Properties: a refused spec says why; applying is deterministic.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMapping(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let spec = try? JSONParser.parse(fuzzInput(data, size), options: JSONParseOptions(maxDepth: 64)) else { return 0 }
    for compiler in compilers {
        let (mapping, diagnostics) = compiler.compile(spec)
        guard let mapping else {
            fuzzCheck(diagnostics.contains { $0.severity == .error }, "a spec refused without an error diagnostic")
            continue
        }
        for event in [FuzzContext.event, FuzzContext.sparseEvent] {
            let first = try? mapping.apply(to: event)
            let second = try? mapping.apply(to: event)
            fuzzCheck(first == second, "applying one mapping twice gives different results")
            _ = first?.serialized()
        }
    }
    return 0
}

@main enum FuzzMappingMain {
    static func main() { FuzzDriver.main(fuzzMapping) }
}
