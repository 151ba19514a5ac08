import ConnectorKit
import FuzzSupport

/// libFuzzer target for the template parser and renderer: the input is a template source
/// (any bytes, decoded as UTF-8 with replacement), compiled with the standard helpers and, when
/// it compiles, rendered against ``FuzzContext`` with every escaping. Properties: a syntax
/// error has a message; rendering is deterministic; `render` and `renderBytes` agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = String(decoding: fuzzInput(data, size), as: UTF8.self)
    let template: Template
    do {
        template = try Template(source, limits: TemplateLimits(maxOutputBytes: 1 << 16, maxNesting: 64))
    } catch {
        fuzzCheck(!error.description.isEmpty, "a syntax error without a message")
        return 0
    }
    for escaping in TemplateEscaping.allCases {
        for context in [FuzzContext.event, FuzzContext.sparseEvent] {
            guard let bytes = try? template.renderBytes(context, escaping: escaping) else { continue }
            let again = try? template.renderBytes(context, escaping: escaping)
            fuzzCheck(again == bytes, "two renders of one template differ (\(escaping))")
            let text = try? template.render(context, escaping: escaping)
            fuzzCheck(text == String(decoding: bytes, as: UTF8.self), "render and renderBytes differ (\(escaping))")
        }
    }
    _ = template.singlePath
    return 0
}

@main enum FuzzTemplateMain {
    static func main() { FuzzDriver.main(fuzzTemplate) }
}
