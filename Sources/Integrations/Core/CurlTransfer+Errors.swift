import CCurl

extension CurlTransfer {
    /// The structured error for a failed perform: what kind, libcurl's
    /// detail (redacted), and which operation it was.
    func error(for code: CURLcode, operation: String) -> IntegrationError {
        let detail = "\(operation) failed: \(easy.failureDetail(code))"
        let curlCode = Int(code.rawValue)
        if isCancelled, code == CURLE_ABORTED_BY_CALLBACK {
            return IntegrationError(.cancelled, "\(operation) was cancelled", curlCode: curlCode)
        }
        if exceededLimit {
            return IntegrationError(.responseTooLarge, "\(operation): the response exceeded \(responseLimit) bytes",
                                    curlCode: curlCode)
        }
        if let localFailure { return IntegrationError(.localIO, "\(operation): \(localFailure)", curlCode: curlCode) }
        return IntegrationError(Self.kind(of: code), detail, curlCode: curlCode)
    }

    static func kind(of code: CURLcode) -> IntegrationError.Code {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dns
        case CURLE_COULDNT_CONNECT: return .connect
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_USE_SSL_FAILED,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            return .tls
        case CURLE_TOO_MANY_REDIRECTS: return .tooManyRedirects
        case CURLE_FILESIZE_EXCEEDED: return .responseTooLarge
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return .connectionLost
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR: return .authentication
        case CURLE_REMOTE_ACCESS_DENIED, CURLE_QUOTE_ERROR, CURLE_REMOTE_FILE_NOT_FOUND, CURLE_UPLOAD_FAILED,
            CURLE_REMOTE_DISK_FULL, CURLE_REMOTE_FILE_EXISTS, CURLE_SEND_FAIL_REWIND:
            return .remote
        case CURLE_READ_ERROR, CURLE_WRITE_ERROR: return .localIO
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT: return .invalidRequest
        default: return .transport
        }
    }
}
