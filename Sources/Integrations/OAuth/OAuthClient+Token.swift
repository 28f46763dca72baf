import Foundation
import Logging

extension OAuthClient {
    func tokenRequest(_ fields: [(String, String)], secrets: [String], previous: String?, logger: Logger)
        async throws(IntegrationError) -> OAuthToken
    {
        var fields = fields
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        switch provider.clientAuthentication {
        case .clientSecretBasic:
            // RFC 6749 section 2.3.1: each part form-encoded, then Basic.
            let pair = FormEncoding.percentEncode(credentials.clientID) + ":"
                + FormEncoding.percentEncode(credentials.clientSecret)
            headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        case .clientSecretPost:
            fields += [("client_id", credentials.clientID), ("client_secret", credentials.clientSecret)]
        }
        var request = HTTPRequest.form(url: provider.tokenEndpoint, fields: fields, headers: headers)
        request.secrets = secrets + [credentials.clientSecret]
        request.throwsOnHTTPError = false
        let started = Date()
        let response = try await http.execute(request, logger: logger)
        if response.isSuccess, let token = OAuthToken.parse(response.body, receivedAt: started, previousRefreshToken: previous) {
            logger.info("oauth token obtained", metadata: [
                "provider": "\(provider.name)", "grant": "\(fields[0].1)",
                "expiresAt": "\(token.expiresAt.map { "\($0)" } ?? "-")",
            ])
            return token
        }
        throw oauthError(response, grant: fields[0].1, secrets: request.secrets)
    }

    /// An error response (RFC 6749 section 5.2) as an IntegrationError:
    /// `authentication` for invalid_client, `remote` for the rest, with the OAuth error code.
    func oauthError(_ response: HTTPResponse, grant: String, secrets: [String]) -> IntegrationError {
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        let code = object?["error"] as? String
        let detail = object?["error_description"] as? String
        let message = "\(provider.name) \(grant) failed: \(code ?? "HTTP \(response.status)")"
            + (detail.map { " (\($0))" } ?? "")
        return IntegrationError(
            code == "invalid_client" || response.status == 401 ? .authentication : (code == nil ? .httpStatus : .remote),
            Redaction.text(message, secrets: secrets), status: response.status,
            bodyExcerpt: response.excerpt(secrets: secrets))
    }
}
