import Foundation
import Integrations
import Testing

/// Cases of AWS's published Signature Version 4 test suite
/// (aws-sig-v4-test-suite, "Signature Version 4 Test Suite" in the AWS
/// General Reference; the 2015 edition: AKIDEXAMPLE, region us-east-1,
/// service "service", 20150830T123600Z). Each case's canonical request
/// (.creq), string to sign (.sts) and signature (.authz) are copied from the
/// suite. For post-x-www-form-urlencoded the suite's own .creq lists
/// content-length while its .sts and .authz were computed without it; the
/// .sts/.authz pair is the consistent one and is used here.
@Suite struct SigV4SuiteTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var path: String
        var query: [(String, String)] = []
        var headers: [(name: String, value: String)] = []
        var body = ""
        var canonicalRequest: String
        var stringToSignHash: String
        var signature: String
        var testDescription: String { name }
    }

    static let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let standardHeaders = "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n"

    static let cases: [Case] = [
        Case(name: "get-vanilla", method: "GET", path: "/",
             canonicalRequest: "GET\n/\n\n\(standardHeaders)\nhost;x-amz-date\n\(emptyHash)",
             stringToSignHash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
             signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Case(name: "post-vanilla", method: "POST", path: "/",
             canonicalRequest: "POST\n/\n\n\(standardHeaders)\nhost;x-amz-date\n\(emptyHash)",
             stringToSignHash: "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
             signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Case(name: "get-vanilla-query-order-key-case", method: "GET", path: "/",
             query: [("Param2", "value2"), ("Param1", "value1")],
             canonicalRequest: "GET\n/\nParam1=value1&Param2=value2\n\(standardHeaders)\nhost;x-amz-date\n\(emptyHash)",
             stringToSignHash: "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
             signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Case(name: "post-x-www-form-urlencoded", method: "POST", path: "/",
             headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "Param1=value1",
             canonicalRequest: "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\n\(standardHeaders)\n"
                + "content-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
             stringToSignHash: "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
             signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        Case(name: "get-header-value-trim", method: "GET", path: "/",
             headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
             canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
                + "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n\(emptyHash)",
             stringToSignHash: "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
             signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Case(name: "get-header-key-duplicate", method: "GET", path: "/",
             headers: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
             canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\n"
                + "x-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(emptyHash)",
             stringToSignHash: "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
             signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Case(name: "get-vanilla-utf8-query", method: "GET", path: "/", query: [("ሴ", "bar")],
             canonicalRequest: "GET\n/\n%E1%88%B4=bar\n\(standardHeaders)\nhost;x-amz-date\n\(emptyHash)",
             stringToSignHash: "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
             signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Case(name: "get-utf8", method: "GET", path: "/ሴ",
             canonicalRequest: "GET\n/%E1%88%B4\n\n\(standardHeaders)\nhost;x-amz-date\n\(emptyHash)",
             stringToSignHash: "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
             signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Case(name: "get-slashes", method: "GET", path: "//example//",
             canonicalRequest: "GET\n/example/\n\n\(standardHeaders)\nhost;x-amz-date\n\(emptyHash)",
             stringToSignHash: "cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
             signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        Case(name: "get-space", method: "GET", path: "/example space/",
             canonicalRequest: "GET\n/example%20space/\n\n\(standardHeaders)\nhost;x-amz-date\n\(emptyHash)",
             stringToSignHash: "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
             signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Case(name: "post-vanilla-query-nonunreserved", method: "POST", path: "/",
             query: [("@#$%^&+", "/,?><`\";:\\|][{}")],
             canonicalRequest: "POST\n/\n%40%23%24%25%5E%26%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D\n"
                + "\(standardHeaders)\nhost;x-amz-date\n\(emptyHash)",
             stringToSignHash: "eefcefefb33f2f62b17696313b6d0dcb93231d17f4bdf722a1278a1931fa8365",
             signature: "88d3e39e4fa54b971f51c0a09140368e1a51aafb76c4652d9998f93cf3038074"),
    ]

    @Test(arguments: cases)
    func matchesTheSuite(_ vector: Case) {
        let signed = Self.signer.sign(
            method: vector.method, path: vector.path, query: vector.query,
            headers: [("Host", "example.amazonaws.com")] + vector.headers,
            payloadHash: Crypto.sha256(Data(vector.body.utf8)).hexString, date: Self.date)
        #expect(signed.canonicalRequest == vector.canonicalRequest)
        #expect(signed.stringToSign
            == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\(vector.stringToSignHash)")
        #expect(signed.signature == vector.signature)
        let signedHeaders = vector.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last!
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(signedHeaders), Signature=\(vector.signature)")
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        #expect(!"\(credentials)".contains("wJalr"))
    }
}
