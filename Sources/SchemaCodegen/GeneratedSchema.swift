import ConnectorKit

/// One folder's contribution to the generated enum.
struct GeneratedSchema: Sendable {
    /// The schema property's name; the samples are `<identifier>Samples`.
    var identifier: String
    var folderName: String
    /// The sample files' names, in order.
    var fileNames: [String]
    var schema: FieldSchema
    /// Each sample as compact JSON text, in file-name order.
    var samples: [String]
}
