public import Logging
import CCurl

/// Uploads files over SFTP with libcurl (libssh2). A file is written under
/// a temporary name in the target directory and renamed once complete, so
/// a reader never sees a partial file under the final name. Replacing an
/// existing file is not atomic: libcurl's `rename` (plain SSH_FXP_RENAME,
/// which OpenSSH's server refuses when the target exists) needs the old
/// file removed first, so for a moment the name holds no file.
public struct SFTPClient: Sendable {
    public struct Configuration: Sendable {
        public enum Authentication: Sendable {
            case password(String)
            /// A private key file (OpenSSH or PEM), with its passphrase if any.
            case privateKey(path: String, passphrase: String? = nil)
        }

        public enum HostKeyCheck: Sendable {
            /// Accept only a host key listed in this known_hosts file.
            case knownHosts(path: String)
            /// Accept only the key with this SHA-256 fingerprint (base64, as
            /// `ssh-keygen -l` prints it, without the `SHA256:` prefix).
            case sha256Fingerprint(String)
            /// Accept any host key: for tests against throwaway servers only.
            case insecureAcceptAny
        }

        public var host: String
        public var port: Int
        public var username: String
        public var authentication: Authentication
        public var hostKeyCheck: HostKeyCheck
        public var transport: TransportSettings

        public init(
            host: String, port: Int = 22, username: String, authentication: Authentication, hostKeyCheck: HostKeyCheck,
            transport: TransportSettings = TransportSettings(proxy: nil)
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.authentication = authentication
            self.hostKeyCheck = hostKeyCheck
            self.transport = transport
        }

        var secrets: [String] {
            switch authentication {
            case .password(let password): return [password]
            case .privateKey(_, let passphrase): return passphrase.map { [$0] } ?? []
            }
        }
    }

    public let configuration: Configuration
    let executor: CurlExecutor

    public init(configuration: Configuration, executor: CurlExecutor) {
        self.configuration = configuration
        self.executor = executor
    }

    /// Uploads `source` to the absolute `remotePath` (its directory is
    /// created if missing). Once the upload is complete, an existing file
    /// of that name is removed and the temporary file renamed to it. On a
    /// failed upload the temporary file is removed if the server can still
    /// be reached; when only the rename fails, the complete temporary file
    /// is kept and the error names it.
    public func upload(_ source: UploadSource, to remotePath: String, logger: Logger) async throws(IntegrationError) {
        guard remotePath.hasPrefix("/"), !remotePath.hasSuffix("/"), !remotePath.containsLineBreak else {
            throw IntegrationError(.invalidRequest, "the SFTP path must be absolute and name a file: \(remotePath)")
        }
        if case .insecureAcceptAny = configuration.hostKeyCheck {
            logger.warning("sftp host key not checked", metadata: ["host": "\(configuration.host)"])
        }
        let temporary = Self.temporaryPath(for: remotePath)
        let easy = try CurlEasy()
        let transfer = try CurlTransfer(easy: easy)
        try configureConnection(easy, path: temporary)
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_FTP_CREATE_MISSING_DIRS, 1)
        // After a complete upload only: drop the old file (if any; `*` ignores a failure) and rename.
        try easy.set(CURLOPT_POSTQUOTE, list: ["*rm \(Self.quoted(remotePath))",
                                               "rename \(Self.quoted(temporary)) \(Self.quoted(remotePath))"])
        let (code, length) = try await executor.run(transfer) { () throws(IntegrationError) -> (CURLcode, Int64?) in
            // On the pool: the source's size and opening it are file I/O.
            let length = source.length
            if let length { try transfer.easy.set(CURLOPT_INFILESIZE_LARGE, offset: length) }
            try transfer.upload(from: source)
            return (transfer.perform(), length)
        }
        guard code == CURLE_OK else {
            var error = sftpError(transfer, code, "SFTP upload to \(remotePath)")
            if code == CURLE_QUOTE_ERROR {
                // libcurl runs the post-quote commands only after a complete upload: keep the data.
                error.message += "; the complete upload is kept at \(temporary)"
                logger.error("sftp rename failed", metadata: [
                    "path": "\(remotePath)", "kept": "\(temporary)", "error": "\(error)",
                ])
                throw error
            }
            logger.warning("sftp upload failed", metadata: ["path": "\(remotePath)", "error": "\(error)"])
            if ![.hostKey, .authentication, .connect, .dns, .cancelled].contains(error.code) {
                await removeQuietly(temporary, logger: logger)
            }
            throw error
        }
        logger.info("sftp upload complete", metadata: [
            "host": "\(configuration.host)", "path": "\(remotePath)", "bytes": "\(length.map { "\($0)" } ?? "?")",
        ])
    }
}
