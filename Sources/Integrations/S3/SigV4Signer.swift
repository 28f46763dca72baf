public import Foundation

/// AWS Signature Version 4 (header-based), written from the AWS
/// specification ("Create a signed AWS API request"): canonical request,
/// string to sign, signing key derived from the secret, date, region and
/// service. Checked against AWS's published SigV4 test suite.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    public static let algorithm = "AWS4-HMAC-SHA256"
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The result of signing: the headers to send (the caller's, plus
    /// X-Amz-Date, X-Amz-Content-Sha256 for S3, X-Amz-Security-Token and
    /// Authorization) and the intermediate strings, for tests and debugging.
    public struct Signed: Sendable {
        public var headers: [(name: String, value: String)]
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var authorization: String
    }

    /// Signs a request. `path` and the query are given decoded; `headers`
    /// must include Host.
    public func sign(
        method: String, path: String, query: [(String, String)] = [], headers: [(name: String, value: String)],
        payloadHash: String, date: Date
    ) -> Signed {
        let (amzDate, day) = Self.timestamps(date)
        var headers = headers
        if !headers.contains(where: { $0.name.lowercased() == "x-amz-date" }) { headers.append(("X-Amz-Date", amzDate)) }
        if service == "s3" { headers.append(("X-Amz-Content-Sha256", payloadHash)) }
        if let token = credentials.sessionToken { headers.append(("X-Amz-Security-Token", token)) }
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(headers)
        let canonicalRequest = [
            method.uppercased(), canonicalURI(path), Self.canonicalQuery(query), canonicalHeaders, signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [Self.algorithm, amzDate, scope, Crypto.sha256(Data(canonicalRequest.utf8)).hexString]
            .joined(separator: "\n")
        let signature = Crypto.hmacSHA256(key: signingKey(day: day), Data(stringToSign.utf8)).hexString
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        headers.append(("Authorization", authorization))
        return Signed(headers: headers, canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                      signature: signature, authorization: authorization)
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    func signingKey(day: String) -> [UInt8] {
        var key = Crypto.hmacSHA256(key: Array(("AWS4" + credentials.secretAccessKey).utf8), Array(day.utf8))
        for part in [region, service, "aws4_request"] { key = Crypto.hmacSHA256(key: key, Array(part.utf8)) }
        return key
    }
}
