import Foundation
import NIOSSL

/// A self-signed certificate (by default for `localhost` and 127.0.0.1), made with the `openssl` command (the
/// CI installs it) in a temporary folder.
struct TestCertificate {
    let certificate: NIOSSLCertificate
    let key: NIOSSLPrivateKey

    static func make(names: [String] = ["DNS:localhost", "IP:127.0.0.1"]) throws -> TestCertificate {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookline-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificatePath = folder.appendingPathComponent("cert.pem").path
        let keyPath = folder.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-days", "1", "-subj", "/CN=hookline-test", "-addext", "subjectAltName=" + names.joined(separator: ","),
                             "-keyout", keyPath, "-out", certificatePath]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else {
            throw TestCertificateError(description: "openssl req exited with \(openssl.terminationStatus); is openssl installed?")
        }
        guard let certificate = try NIOSSLCertificate.fromPEMFile(certificatePath).first else {
            throw TestCertificateError(description: "openssl wrote no certificate")
        }
        return TestCertificate(certificate: certificate,
                               key: try NIOSSLPrivateKey(file: keyPath, format: .pem))
    }

    /// A server context presenting this certificate.
    func serverContext() throws -> NIOSSLContext {
        try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
    }

    /// A client configuration that trusts this certificate only.
    var trustingClient: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([certificate])
        return configuration
    }
}

struct TestCertificateError: Error, CustomStringConvertible {
    var description: String
}
