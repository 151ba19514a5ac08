import ConnectorKit
import Foundation

/// Compiles folders of sample payloads into Swift: one `public enum` holding, per folder, the
/// inferred ``FieldSchema`` and the samples themselves.
///
/// Inference is ``SchemaInferrer`` with the options `hookline schema infer` uses by default, so
/// the generated schema is the one the CLI prints. The output depends only on the folders' names
/// and the files' names and contents: it is byte-identical for any order of the input files.
public struct SchemaCodeGenerator: Sendable {
    /// The generated enum's name, e.g. `IterableSchemas`.
    public var typeName: String
    /// How schemas are inferred (default: the CLI's defaults).
    public var options: InferenceOptions

    /// The private function in the generated enum that parses embedded JSON text.
    static let jsonHelper = "parsedJSON"

    public init(typeName: String, options: InferenceOptions = InferenceOptions()) {
        self.typeName = typeName
        self.options = options
    }

    /// The Swift source for the schemas of the folders holding `sampleFiles` (each file's parent
    /// folder is one schema, named after the folder). No files give an empty enum.
    /// - Throws: ``SchemaCodegenError`` with every problem found: bad folder names, samples that
    ///   are not JSON objects (each at FILE:LINE:COLUMN), unreadable files.
    public func generate(sampleFiles: [String]) async throws(SchemaCodegenError) -> String {
        var problems: [InferenceError] = []
        if !SwiftIdentifier.isPlainIdentifier(typeName) {
            problems.append(InferenceError(
                file: typeName,
                message: "the type name is not a Swift identifier: use ASCII letters, digits and '_', not starting with a digit (e.g. IterableSchemas)"))
        }
        let folders = SchemaFolder.grouping(sampleFiles)
        let named = Self.identifiers(for: folders, problems: &problems)
        var schemas: [GeneratedSchema] = []
        for (folder, identifier) in named {
            do throws(InferenceError) {
                schemas.append(try await schema(of: folder, identifier: identifier))
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw SchemaCodegenError(problems) }
        return GeneratedSource(typeName: typeName, schemas: schemas, jsonHelper: Self.jsonHelper).text
    }

    /// Each folder with its property name, in property-name order; folders whose names give no
    /// identifier, or the same one as another folder, are reported instead.
    static func identifiers(for folders: [SchemaFolder], problems: inout [InferenceError]) -> [(SchemaFolder, String)] {
        var named: [(SchemaFolder, String)] = []
        var claimed: [String: String] = [jsonHelper: "the generated JSON helper"]
        for folder in folders {
            guard let identifier = SwiftIdentifier.lowerCamel(folder.name) else {
                problems.append(InferenceError(
                    file: folder.path,
                    message: "the folder name '\(folder.name)' gives no Swift name: use ASCII letters, digits and '-', starting with a letter (e.g. system-webhook)"))
                continue
            }
            var clash: String?
            for name in [identifier, identifier + "Samples"] {
                if let owner = claimed[name] { clash = clash ?? "'\(name)' is already \(owner)" }
            }
            if let clash {
                problems.append(InferenceError(
                    file: folder.path,
                    message: "the folder name '\(folder.name)' gives the Swift name '\(identifier)', but \(clash): rename the folder"))
                continue
            }
            claimed[identifier] = "the schema of folder '\(folder.path)'"
            claimed[identifier + "Samples"] = "the samples of folder '\(folder.path)'"
            named.append((folder, identifier))
        }
        return named.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
    }

    /// Infers one folder's schema and reads its samples, checking that each sample survives the
    /// round trip through its embedded text and validates against the schema.
    func schema(of folder: SchemaFolder, identifier: String) async throws(InferenceError) -> GeneratedSchema {
        let result = try await SchemaInferrer(options: options).infer(paths: folder.sampleFiles, format: .json)
        var samples: [String] = []
        for file in folder.sampleFiles {
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw InferenceError(file: file, message: "cannot read the sample file")
            }
            let sample: JSONValue
            do {
                sample = try JSONParser.parse([UInt8](bytes), options: options.parsing)
            } catch {
                throw InferenceError(file: file, line: error.line, column: error.column, message: error.message)
            }
            let text = sample.serialized()
            guard (try? JSONParser.parse(text)) == sample else {
                throw InferenceError(file: file, message: "the sample does not survive a round trip through JSON text (nested too deeply?)")
            }
            if let problem = result.schema.validate(sample).first {
                throw InferenceError(file: file, message: "the sample does not validate against the schema inferred from its folder: \(problem)")
            }
            samples.append(text)
        }
        return GeneratedSchema(
            identifier: identifier, folderName: folder.name,
            fileNames: folder.sampleFiles.map(\.fileName), schema: result.schema, samples: samples)
    }
}
