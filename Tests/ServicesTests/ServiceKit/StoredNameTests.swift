import Protos
import SwiftProtobuf
import Testing

/// One stored-name table per enum (Protos/StoredNames.swift), shared by the services, the stores and attrctl.
@Suite("ServiceKit: stored enum names")
struct StoredNameTests {
    /// Every named case and its name, for an enum's table.
    static func check<Value: StoredNameEnum>(_: Value.Type) {
        let named = Value.allCases.filter { $0.rawValue != 0 }
        for value in named {
            #expect(value.storedName != nil, "\(Value.self).\(value) has no stored name")
            #expect(Value(storedName: value.storedName) == value, "\(Value.self).\(value) does not read back")
        }
        let names = Value.storedNames.map(\.1)
        #expect(Set(names).count == names.count, "\(Value.self) has a name twice: \(names)")
        #expect(Set(Value.storedNames.map(\.0.rawValue)).count == names.count, "\(Value.self) names a case twice")
        #expect(names.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty })
        #expect(Value().storedName == nil, "UNSPECIFIED has no name")
        #expect(Value(storedName: "no such name") == Value(), "an unknown name reads as UNSPECIFIED")
        #expect(Value(rawValue: 999).map(\.storedName) == .some(nil), "an unknown value has no name")
    }

    @Test func everyCaseHasOneUniqueName() {
        Self.check(Attribution_V1_PixelPlatform.self)
        Self.check(Attribution_V1_PixelEventType.self)
        Self.check(Attribution_V1_MatchStatus.self)
        Self.check(Attribution_V1_DeliveryStatus.self)
        Self.check(Attribution_V1_DeliveryErrorType.self)
        Self.check(Attribution_V1_AlertChannel.self)
        Self.check(Attribution_V1_AlertDeliveryStatus.self)
        Self.check(Attribution_V1_PixelIssue.self)
        Self.check(Attribution_V1_RetryOutcome.self)
        Self.check(Attribution_V1_RelativeDateRange.self)
        Self.check(Attribution_V1_WidgetType.self)
    }

    @Test func theNamesAreTheStoredOnes() {
        // What the schema's CHECK constraints and existing rows hold.
        #expect(Attribution_V1_PixelEventType.addToCart.storedName == "add_to_cart")
        #expect(Attribution_V1_DeliveryErrorType.invalidEvent.storedName == "invalid_event")
        #expect(Attribution_V1_DeliveryStatus.named("pending") == .pending)
        #expect(Attribution_V1_PixelPlatform.named("GA4") == nil, "names are exact")
    }
}
