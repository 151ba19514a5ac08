/// Infers a field schema from sample JSON: files, NDJSON, top-level arrays, CSV, standard input.
///
/// Samples are summarised in parallel chunks (``InferenceOptions/jobs``) and the summaries
/// merged; because the merge is associative, commutative and idempotent, the schema is
/// byte-identical for any chunking, job count or file order.
public struct SchemaInferrer: Sendable {
    public var options: InferenceOptions

    /// Told how many more input bytes were read, from any of the worker tasks (for a progress
    /// display); `nil` for none.
    public var progress: Progress?

    /// A receiver of progress: the number of bytes read since its last call.
    public typealias Progress = @Sendable (_ bytesRead: Int) -> Void

    /// NDJSON is read in blocks of this many bytes.
    static let blockSize = 8 << 20

    public init(options: InferenceOptions = InferenceOptions()) {
        self.options = options
    }

    /// Infers the schema of every sample in `paths` (`-` is standard input).
    /// - Throws: ``InferenceError`` naming the file, line and column of the first bad sample.
    public func infer(paths: [String], format: InferenceInputFormat) async throws(InferenceError) -> InferenceResult {
        var summary = ValueSummary()
        switch format {
        case .ndjson:
            for path in paths { summary.merge(try await summarizeNDJSON(path)) }
        case .json:
            summary = try await summarizeJSONFiles(paths)
        case .each:
            for path in paths {
                let reader = try FileByteReader(path: path)
                let bytes = try reader.readAll()
                summary.merge(try await summarizeArray(bytes, name: reader.displayName))
                progress?(bytes.count)
            }
        case .csv(let separator):
            for path in paths { summary.merge(try summarizeCSV(path, separator: separator)) }
        }
        return synthesize(summary)
    }

    /// Infers the schema of samples already in memory.
    /// - Throws: ``InferenceError`` (file `sample[i]`) when a sample is not an object.
    public func infer(samples: [JSONValue]) throws(InferenceError) -> InferenceResult {
        let tracking = options.tracking
        var summary = ValueSummary()
        for (index, sample) in samples.enumerated() {
            guard case .object = sample else {
                throw InferenceError(file: "sample[\(index)]", message: "a sample must be a JSON object, found \(sample.typeName)")
            }
            var bytes: [UInt8] = []
            if tracking.enums { sample.write(to: &bytes, options: JSONWriteOptions()) }
            let fingerprint = bytes.withUnsafeBytes(SampleFingerprint.of)
            summary.absorb(sample, sample: fingerprint, tracking: tracking)
        }
        return synthesize(summary)
    }

    func synthesize(_ summary: ValueSummary) -> InferenceResult {
        var synthesizer = SchemaSynthesizer(options: options)
        var root = synthesizer.field(named: "", from: summary, path: [])
        if summary.kinds.isEmpty { root.type = .object }
        let unused = options.overrides.enumerated()
            .filter { !synthesizer.usedOverrides.contains($0.offset) }
            .map { "override \($0.element) matched no path in the samples" }
        let empty = summary.kinds.isEmpty ? ["no samples were read: the schema accepts any object"] : []
        return InferenceResult(schema: root, notes: synthesizer.notes, warnings: empty + unused)
    }

    // MARK: - NDJSON: streamed in blocks, each block split across the jobs

    private func summarizeNDJSON(_ path: String) async throws(InferenceError) -> ValueSummary {
        let reader = try FileByteReader(path: path)
        let absorber = SampleAbsorber(options: options)
        if let mapped = reader.map() {
            return try await summarizeMappedNDJSON(mapped, name: reader.displayName, absorber: absorber)
        }
        var summary = ValueSummary()
        var carry: [UInt8] = []
        var linesBefore = 0
        while true {
            let fresh = try reader.read(upTo: Self.blockSize)
            let atEnd = fresh.isEmpty
            var block = carry
            block.append(contentsOf: fresh)
            carry = []
            if !atEnd {
                guard let lastNewline = block.lastIndex(of: UInt8(ascii: "\n")) else {
                    if block.count > options.maxSampleBytes {
                        throw InferenceError(file: reader.displayName, line: linesBefore + 1, column: 1,
                                             message: "line is longer than the sample limit of \(options.maxSampleBytes) bytes")
                    }
                    carry = block
                    continue
                }
                carry = Array(block[(lastNewline + 1)...])
                block.removeSubrange((lastNewline + 1)...)
            }
            if !block.isEmpty {
                let lines = block
                let ranges = lines.withUnsafeBytes { Self.lineAlignedRanges($0, parts: options.jobs) }
                let progress = progress
                let (chunk, firstFailure) = Self.merged(await Self.concurrently(ranges.count) { part in
                    lines.withUnsafeBytes { absorber.absorbLines($0, range: ranges[part], progress: progress) }
                })
                summary.merge(chunk)
                if let failure = firstFailure {
                    throw block.withUnsafeBytes { bytes in
                        let position = TextPosition(offset: failure.offset, in: bytes, firstLine: linesBefore + 1)
                        return InferenceError(file: reader.displayName, line: position.line, column: position.column, message: failure.message)
                    }
                }
                linesBefore += block.withUnsafeBytes { $0.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
            }
            if atEnd { return summary }
        }
    }

    /// A regular file: mapped, cut into one run of whole lines per job, each run summarised by
    /// its own task, the summaries merged.
    private func summarizeMappedNDJSON(_ file: MappedFile, name: String, absorber: SampleAbsorber) async throws(InferenceError) -> ValueSummary {
        let ranges = Self.lineAlignedRanges(file.bytes, parts: options.jobs)
        let progress = progress
        let (summary, firstFailure) = Self.merged(await Self.concurrently(ranges.count) { part in
            absorber.absorbLines(file.bytes, range: ranges[part], progress: progress)
        })
        if let failure = firstFailure {
            let position = TextPosition(offset: failure.offset, in: file.bytes)
            throw InferenceError(file: name, line: position.line, column: position.column, message: failure.message)
        }
        return summary
    }

    /// `work(0)`, `work(1)`, ... `work(count - 1)`, each in its own task, results in index order.
    static func concurrently<T: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> T) async -> [T] {
        if count == 1 { return [work(0)] }
        return await withTaskGroup(of: (Int, T).self) { group in
            for index in 0..<count { group.addTask { (index, work(index)) } }
            var results: [T?] = Array(repeating: nil, count: count)
            for await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }

    /// The merge of every chunk's summary, and the failure earliest in the input, if any.
    static func merged(_ outcomes: [ChunkOutcome]) -> (ValueSummary, SampleFailure?) {
        var summary = ValueSummary()
        for outcome in outcomes { summary.merge(outcome.summary) }
        return (summary, outcomes.compactMap(\.failure).min { $0.offset < $1.offset })
    }

    /// `parts` ranges covering `bytes`, each ending just after a newline (or at the end).
    static func lineAlignedRanges(_ bytes: UnsafeRawBufferPointer, parts: Int) -> [Range<Int>] {
        guard parts > 1, bytes.count > 64 * 1024 else { return [0..<bytes.count] }
        var ranges: [Range<Int>] = []
        var start = 0
        for part in 1..<parts {
            let target = max(start, bytes.count * part / parts)
            let newline = SampleAbsorber.nextNewline(in: bytes, from: target, before: bytes.count)
            let end = min(bytes.count, newline + 1)
            if end > start { ranges.append(start..<end) }
            start = end
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    // MARK: - One JSON document per file, or a top-level array of samples

    /// One sample per file: the files are shared out among the jobs; the first bad file in
    /// argument order is the one reported.
    private func summarizeJSONFiles(_ paths: [String]) async throws(InferenceError) -> ValueSummary {
        let absorber = SampleAbsorber(options: options)
        let jobs = max(1, min(options.jobs, paths.count))
        let progress = progress
        let results = await Self.concurrently(jobs) { job -> (ValueSummary, (Int, InferenceError)?) in
            var summary = ValueSummary()
            for index in stride(from: job, to: paths.count, by: jobs) {
                do throws(InferenceError) {
                    let reader = try FileByteReader(path: paths[index])
                    let bytes = try reader.readAll()
                    let failure = bytes.withUnsafeBytes { absorber.absorb($0, range: 0..<$0.count, into: &summary) }
                    progress?(bytes.count)
                    if let failure {
                        let position = bytes.withUnsafeBytes { TextPosition(offset: failure.offset, in: $0) }
                        return (summary, (index, InferenceError(file: reader.displayName, line: position.line, column: position.column, message: failure.message)))
                    }
                } catch {
                    return (summary, (index, error))
                }
            }
            return (summary, nil)
        }
        if let first = results.compactMap({ $0.1 }).min(by: { $0.0 < $1.0 }) { throw first.1 }
        return results.reduce(into: ValueSummary()) { $0.merge($1.0) }
    }

    /// A top-level array: element ranges found by scanning, shared out among the jobs.
    private func summarizeArray(_ bytes: [UInt8], name: String) async throws(InferenceError) -> ValueSummary {
        let absorber = SampleAbsorber(options: options)
        let ranges: [Range<Int>]
        switch bytes.withUnsafeBytes(ArrayElementScanner.elements) {
        case .failure(let box): throw position(of: box.failure, in: bytes, file: name)
        case .success(let found): ranges = found
        }
        let jobs = max(1, min(options.jobs, ranges.count / 64))
        let (summary, firstFailure) = Self.merged(await Self.concurrently(jobs) { part in
            let share = ranges[(ranges.count * part / jobs)..<(ranges.count * (part + 1) / jobs)]
            return bytes.withUnsafeBytes { absorber.absorbEach($0, ranges: share) }
        })
        if let failure = firstFailure { throw position(of: failure, in: bytes, file: name) }
        return summary
    }

    private func position(of failure: SampleFailure, in bytes: [UInt8], file: String) -> InferenceError {
        bytes.withUnsafeBytes { buffer in
            let position = TextPosition(offset: failure.offset, in: buffer)
            return InferenceError(file: file, line: position.line, column: position.column, message: failure.message)
        }
    }

    // MARK: - CSV

    private func summarizeCSV(_ path: String, separator: UInt8) throws(InferenceError) -> ValueSummary {
        let reader = try FileByteReader(path: path)
        let bytes = try reader.readAll()
        let csv = CSVSampleReader(separator: separator)
        let tracking = options.tracking
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(InferenceError) in try summarizeCSV(buffer, csv: csv, name: reader.displayName, tracking: tracking) }
        }
        let summary = try result.get()
        progress?(bytes.count)
        return summary
    }

    private func summarizeCSV(_ buffer: UnsafeRawBufferPointer, csv: CSVSampleReader, name: String, tracking: SummaryTracking) throws(InferenceError) -> ValueSummary {
        func fail(_ failure: SampleFailure) -> InferenceError {
            let position = TextPosition(offset: failure.offset, in: buffer)
            return InferenceError(file: name, line: position.line, column: position.column, message: failure.message)
        }
        let rows: [CSVSampleReader.Row]
        switch csv.rows(in: buffer) {
        case .failure(let box): throw fail(box.failure)
        case .success(let parsed): rows = parsed
        }
        guard let header = rows.first else {
            throw InferenceError(file: name, message: "the CSV file is empty: it needs a header row")
        }
        var seen = Set<String>()
        for (column, title) in header.cells.enumerated() {
            if title.isEmpty || !seen.insert(title).inserted {
                throw InferenceError(
                    file: name, line: 1,
                    message: "header column \(column + 1) is \(title.isEmpty ? "empty" : "a repeat of '\(title)'"): every column needs a distinct name")
            }
        }
        var summary = ValueSummary()
        for row in rows.dropFirst() {
            switch csv.sample(row, headers: header.cells) {
            case .failure(let box): throw fail(box.failure)
            case .success(let sample):
                let fingerprint = SampleFingerprint.of(UnsafeRawBufferPointer(rebasing: buffer[row.range]))
                summary.absorb(sample, sample: fingerprint, tracking: tracking)
            }
        }
        // A header with no rows still names the fields.
        if rows.count == 1 {
            summary.absorb(.object(JSONObject(header.cells.map { ($0, JSONValue.string("")) })), sample: 0, tracking: tracking)
        }
        return summary
    }
}
