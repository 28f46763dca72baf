import Foundation
public import Logging

extension S3Client {
    /// Uploads a file in parts of `configuration.partSize` (CreateMultipartUpload,
    /// UploadPart for each, CompleteMultipartUpload); on failure the upload is
    /// aborted so no parts linger. Returns the object's ETag.
    @discardableResult
    public func uploadMultipart(
        bucket: String, key: String, file path: String, contentType: String = "application/octet-stream",
        logger: Logger
    ) async throws(IntegrationError) -> String {
        // Each part is read and hashed on the executor's pool; the first before the upload is created.
        let partSize = configuration.partSize
        func part(at offset: UInt64) async throws(IntegrationError) -> FilePart {
            try await http.executor.offload { () throws(IntegrationError) in
                try FilePart.read(path, offset: offset, size: partSize)
            }
        }
        var chunk = try await part(at: 0)
        let created = try await send(
            "POST", bucket: bucket, key: key, query: [("uploads", "")], headers: [("Content-Type", contentType)],
            logger: logger)
        guard let uploadID = Self.element("UploadId", in: created.text) else {
            throw IntegrationError(.invalidResponse, "CreateMultipartUpload returned no UploadId")
        }
        do throws(IntegrationError) {
            var parts: [(Int, String)] = []
            var offset: UInt64 = 0
            while true {
                let number = parts.count + 1
                let response = try await send(
                    "PUT", bucket: bucket, key: key, query: [("partNumber", "\(number)"), ("uploadId", uploadID)],
                    body: .bytes(chunk.bytes), payloadHash: chunk.sha256, logger: logger)
                parts.append((number, response.header("ETag") ?? ""))
                logger.debug("s3 part uploaded", metadata: [
                    "key": "\(key)", "part": "\(number)", "bytes": "\(chunk.bytes.count)",
                ])
                if chunk.bytes.count < partSize { break }
                offset += UInt64(partSize)
                chunk = try await part(at: offset)
                if chunk.bytes.isEmpty { break }
            }
            let body = "<CompleteMultipartUpload>"
                + parts.map { "<Part><PartNumber>\($0.0)</PartNumber><ETag>\($0.1)</ETag></Part>" }.joined()
                + "</CompleteMultipartUpload>"
            let completed = try await send(
                "POST", bucket: bucket, key: key, query: [("uploadId", uploadID)], body: .bytes(Data(body.utf8)),
                headers: [("Content-Type", "application/xml")], logger: logger)
            // S3 may answer 200 and still report an error in the body.
            if completed.text.contains("<Error>") {
                throw IntegrationError(.remote, "CompleteMultipartUpload failed", status: completed.status,
                                       bodyExcerpt: completed.excerpt(secrets: []))
            }
            return Self.element("ETag", in: completed.text) ?? ""
        } catch {
            logger.warning("s3 multipart upload aborted", metadata: ["key": "\(key)", "error": "\(error)"])
            _ = try? await send("DELETE", bucket: bucket, key: key, query: [("uploadId", uploadID)], logger: logger)
            throw error
        }
    }

    /// The text of the first `<name>` element (S3's replies are small, flat XML).
    static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
