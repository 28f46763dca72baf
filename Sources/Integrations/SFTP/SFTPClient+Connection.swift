import CCurl
import Foundation
import Logging

extension SFTPClient {
    func configureConnection(_ easy: CurlEasy, path: String) throws(IntegrationError) {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        try easy.set(CURLOPT_URL, "sftp://\(host):\(configuration.port)\(FormEncoding.percentEncode(path, keepSlash: true))")
        try easy.set(CURLOPT_PROTOCOLS_STR, "sftp")
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.transport.connectTimeout.curlMilliseconds)
        try easy.set(CURLOPT_TIMEOUT_MS, configuration.transport.totalTimeout.curlMilliseconds)
        try easy.set(CURLOPT_USERNAME, configuration.username)
        switch configuration.authentication {
        case .password(let password):
            try easy.set(CURLOPT_SSH_AUTH_TYPES, attr_curl_ssh_auth_password())
            try easy.set(CURLOPT_PASSWORD, password)
        case .privateKey(let keyPath, let passphrase):
            try easy.set(CURLOPT_SSH_AUTH_TYPES, attr_curl_ssh_auth_publickey())
            try easy.set(CURLOPT_SSH_PRIVATE_KEYFILE, keyPath)
            if let passphrase { try easy.set(CURLOPT_KEYPASSWD, passphrase) }
        }
        switch configuration.hostKeyCheck {
        case .knownHosts(let knownHosts): try easy.set(CURLOPT_SSH_KNOWNHOSTS, knownHosts)
        case .sha256Fingerprint(let fingerprint):
            let bare = fingerprint.hasPrefix("SHA256:") ? String(fingerprint.dropFirst(7)) : fingerprint
            try easy.set(CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, bare)
        case .insecureAcceptAny: break
        }
    }

    /// SSH-specific reading of libcurl's codes: a refused host key is `hostKey`.
    func sftpError(_ transfer: CurlTransfer, _ code: CURLcode, _ operation: String) -> IntegrationError {
        var error = transfer.error(for: code, operation: operation)
        if code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSH
            && error.message.lowercased().contains("host key") {
            error.code = .hostKey
        }
        error.message = Redaction.text(error.message, secrets: configuration.secrets)
        return error
    }

    /// Best effort: deletes a leftover temporary file.
    func removeQuietly(_ path: String, logger: Logger) async {
        guard let easy = try? CurlEasy(), let transfer = try? CurlTransfer(easy: easy),
            (try? configureConnection(easy, path: "/")) != nil,
            (try? easy.set(CURLOPT_NOBODY, 1)) != nil,
            (try? easy.set(CURLOPT_QUOTE, list: ["*rm \(Self.quoted(path))"])) != nil
        else { return }
        let code = try? await executor.run(transfer) { transfer.perform() }
        if code != CURLE_OK { logger.debug("sftp temporary file left behind", metadata: ["path": "\(path)"]) }
    }

    /// `/dir/.name.part-<random>` next to the final path.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")!
        return path[...slash] + "." + path[path.index(after: slash)...] + ".part-" + Crypto.randomBytes(6).hexString
    }

    /// A path as libcurl's SFTP quote commands read it: in double quotes, `"` and `\` escaped.
    static func quoted(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
