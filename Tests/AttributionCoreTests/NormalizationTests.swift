import Testing

@testable import AttributionCore

/// Meta Conversions API normalisation and SHA-256 hashing. The expected
/// digests are the published examples (Meta's customer-information
/// parameters page; Snapchat's Conversions API, which documents the same
/// rules, for Person@Example.com and +44 844 412 4653) and otherwise
/// `printf %s VALUE | sha256sum`.
struct NormalizationTests {
    @Test(arguments: [
        (CustomerParameter.email, "  John_Smith@gmail.com ", "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f"),
        (.email, "Person@Example.com", "542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345"),
        (.phone, "+1 (616) 954-7888", "bb2fa2e6d2cea4746530c99686d0c7886ab2019875dca2d7e9e171c0e6ada00d"),
        (.phone, "+44 844 412 4653", "dc008fda46e2e64002cf2f82a4906236282d431c4f75e5b60bfe79fc48546383"),
        (.phone, "00448444124653", "dc008fda46e2e64002cf2f82a4906236282d431c4f75e5b60bfe79fc48546383"),
        (.firstName, "Mary", "6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec"),
        (.firstName, "Valéry", "08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c"),
        (.lastName, "Smith.", "6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd"),
        (.city, "Menlo Park", "0007a3d64c01e23d5075203c5977c14e4f7e01a3fc570686fcc50b5e1dd42685"),
        (.state, "CA", "6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"),
        (.state, " c.a. ", "6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"),
        (.zipCode, "94035-1234", "1794327a4d443904421f5ca1f3d72d0a62ba2f0770d80755ec2220fc0efb052e"),
        (.country, "US", "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"),
        (.dateOfBirth, "19970216", "01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c"),
        (.gender, "Female", "252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111"),
    ])
    func hashesTheNormalisedValue(parameter: CustomerParameter, raw: String, digest: String) throws {
        var keys = MatchKeys()
        try keys.add(parameter, [raw], field: parameter.rawValue)
        #expect(keys.hashed[parameter] == [digest])
    }

    @Test func anAlreadyHashedValuePassesThrough() throws {
        let digest = "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f"
        var keys = MatchKeys()
        try keys.add(.email, [digest, "john_smith@gmail.com"], field: "em")
        // The raw address hashes to the same digest: stored once.
        #expect(keys.hashed[.email] == [digest])
    }

    /// Every hashed parameter takes 64 hex characters of either case as a
    /// digest: lower-cased, never normalised, hashed again or refused.
    @Test(arguments: CustomerParameter.allCases)
    func aPreHashedValueOfEitherCaseIsLowerCasedAndKept(parameter: CustomerParameter) throws {
        let lower = "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f"
        for raw in [lower, lower.uppercased(), " \(lower.uppercased())\n", "62A14e44F765419d10FEA99367361a727c12365e2520f32218d505ed9aa0f62F"] {
            var keys = MatchKeys()
            try keys.add(parameter, [raw], field: parameter.rawValue)
            #expect(keys.hashed[parameter] == [lower], "\(parameter) \(raw)")
        }
    }

    @Test func anInvalidValueNamesTheFieldNotTheValue() {
        var keys = MatchKeys()
        let problem = #expect(throws: MatchKeys.Problem.self) {
            try keys.add(.email, ["ok@example.com", "secret-not-an-address"], field: "user_data.emails")
        }
        #expect(problem?.field == "user_data.emails[1]")
        #expect(problem?.reason.contains("secret") == false)
    }

    @Test func browserKeysAreKeptAsTheyAreAndNeverHashed() throws {
        var keys = MatchKeys()
        keys.set(.fbp, "fb.1.1596403881668.1116446470")
        keys.set(.clientIPAddress, "203.0.113.7")
        #expect(keys.browser[.fbp] == "fb.1.1596403881668.1116446470")
        #expect(keys.status == .partial)
        #expect(keys.jsonObject == #"{"client_ip_address":"203.0.113.7","fbp":"fb.1.1596403881668.1116446470"}"#)
    }

    @Test func matchStatusFollowsTheStrongestKey() throws {
        var keys = MatchKeys()
        #expect(keys.status == .unmatched)
        try keys.add(.city, ["Menlo Park"], field: "ct")
        #expect(keys.status == .partial)
        try keys.add(.phone, ["+1 650 555 1212"], field: "ph")
        #expect(keys.status == .matched)
    }

    @Test(arguments: ["California", "C", "N.S.W.", "1A"])
    func aStateMustBeATwoLetterCode(raw: String) {
        var keys = MatchKeys()
        let problem = #expect(throws: MatchKeys.Problem.self) { try keys.add(.state, [raw], field: "user_data.states") }
        #expect(problem?.field == "user_data.states[0]")
        #expect(problem?.reason == #"is not a 2-letter state code (the ANSI abbreviation, e.g. "ca")"#)
    }

    @Test func emptyValuesAreDropped() throws {
        var keys = MatchKeys()
        try keys.add(.firstName, ["   ", "..."], field: "fn")
        #expect(keys.isEmpty)
    }

    @Test func tooManyValuesAreRefused() {
        var keys = MatchKeys()
        #expect(throws: MatchKeys.Problem.self) {
            try keys.add(.email, (0...MatchKeys.maximumValuesPerParameter).map { "a\($0)@example.com" }, field: "em")
        }
    }
}
