import ServiceKit
import SwiftProtobuf
import Testing

@Suite("ServiceKit: field-mask updates")
struct FieldMaskUpdateTests {
    struct Input { var name = ""; var size = 0 }
    struct Stored: Equatable { var name = "old"; var size = 1; var log: [String] = [] }

    static let update = FieldMaskUpdate<Input, Stored>([
        .init("name") { input, stored throws(FieldError) in
            stored.name = try Validate.required(input.name, "thing.name", maximum: 10)
            stored.log.append("name")
        },
        .init("size") { input, stored throws(FieldError) in
            stored.size = input.size
            stored.log.append("size")
        },
    ])

    @Test func onlyTheSelectedFieldsChangeInDeclarationOrder() throws {
        let selection = try Self.update.select(Google_Protobuf_FieldMask(protoPaths: ["size", "name", "size"]))
        #expect(selection.paths == ["name", "size"])
        var stored = Stored()
        try selection.apply(Input(name: "new", size: 5), to: &stored)
        #expect(stored == Stored(name: "new", size: 5, log: ["name", "size"]))

        var partly = Stored()
        try Self.update.select(Google_Protobuf_FieldMask(protoPaths: ["size"])).apply(Input(name: "ignored", size: 3), to: &partly)
        #expect(partly == Stored(name: "old", size: 3, log: ["size"]))
    }

    @Test func anUnknownPathNamesTheMaskAndThePath() {
        #expect(throws: FieldError("update_mask", "'colour' is not updatable (use name, size)")) {
            try Self.update.select(Google_Protobuf_FieldMask(protoPaths: ["name", "colour"]))
        }
        #expect(throws: FieldError("update_mask", "'name.first' is not updatable (use name, size)")) {
            try Self.update.select(Google_Protobuf_FieldMask(protoPaths: ["name.first"]))
        }
    }

    @Test func anEmptyOrAbsentMaskIsRefused() {
        let error = FieldError("update_mask", "is required and must name at least one field")
        #expect(throws: error) { try Self.update.select(nil) }
        #expect(throws: error) { try Self.update.select(Google_Protobuf_FieldMask()) }
    }

    @Test func anInvalidFieldNamesItself() throws {
        let selection = try Self.update.select(Google_Protobuf_FieldMask(protoPaths: ["name"]))
        var stored = Stored()
        #expect(throws: FieldError("thing.name", "is required")) { try selection.apply(Input(name: " "), to: &stored) }
    }
}
