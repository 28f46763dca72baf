import Foundation
public import Logging

extension SlackClient {
    /// Uploads a file and shares it in a channel; returns the file id.
    public func uploadFile(
        channelID: String, filename: String, content: UploadSource, title: String? = nil,
        initialComment: String? = nil, logger: Logger
    ) async throws(IntegrationError) -> String {
        // A file's size is read on the executor's pool, like the file itself.
        guard let length = try await http.executor.offload({ content.length }) else {
            throw IntegrationError(.invalidRequest, "Slack needs the file's length before the upload")
        }
        let ticket = try await call(
            "files.getUploadURLExternal",
            .form(url: endpoint("files.getUploadURLExternal"), fields: [("filename", filename), ("length", "\(length)")]),
            logger: logger)
        guard let uploadURL = ticket["upload_url"] as? String, let fileID = ticket["file_id"] as? String else {
            throw IntegrationError(.invalidResponse, "files.getUploadURLExternal returned no upload_url or file_id")
        }
        var upload = HTTPRequest(
            method: "POST", url: uploadURL, headers: [("Content-Type", "application/octet-stream")], body: content)
        upload.secrets = [uploadURL]
        upload.hidesURLPath = true
        _ = try await http.execute(upload, logger: logger)

        var file: [String: Any] = ["id": fileID]
        if let title { file["title"] = title }
        var payload: [String: Any] = ["files": [file], "channel_id": channelID]
        if let initialComment { payload["initial_comment"] = initialComment }
        let body: Data
        do { body = try JSONSerialization.data(withJSONObject: payload) } catch {
            throw IntegrationError(.invalidRequest, "cannot encode files.completeUploadExternal")
        }
        _ = try await call(
            "files.completeUploadExternal",
            HTTPRequest(method: "POST", url: endpoint("files.completeUploadExternal"),
                        headers: [("Content-Type", "application/json; charset=utf-8")], body: .bytes(body)),
            logger: logger)
        logger.info("slack file uploaded", metadata: ["file": "\(fileID)", "bytes": "\(length)"])
        return fileID
    }

    func endpoint(_ method: String) -> String {
        (configuration.apiBaseURL.hasSuffix("/") ? configuration.apiBaseURL : configuration.apiBaseURL + "/") + method
    }

    /// A Web API call with the bot token; Slack reports failures as `ok: false` with HTTP 200.
    func call(_ method: String, _ request: HTTPRequest, logger: Logger) async throws(IntegrationError) -> [String: Any] {
        guard let token = configuration.botToken else {
            throw IntegrationError(.invalidRequest, "\(method) needs a bot token")
        }
        var request = request
        request.headers.append(("Authorization", "Bearer \(token)"))
        request.secrets.append(token)
        let response = try await http.execute(request, logger: logger)
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
            throw IntegrationError(.invalidResponse, "\(method) returned no JSON", status: response.status)
        }
        guard object["ok"] as? Bool == true else {
            let code = object["error"] as? String ?? "unknown_error"
            throw IntegrationError(code == "invalid_auth" || code == "not_authed" ? .authentication : .remote,
                                   "Slack \(method) failed: \(code)", status: response.status)
        }
        return object
    }
}
