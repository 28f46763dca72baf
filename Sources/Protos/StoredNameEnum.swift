public import SwiftProtobuf

/// A proto enum with one lower-case name per case: the name the store
/// writes for it and attrctl shows and accepts. Each enum declares its table
/// once (StoredNames.swift); both directions come from it.
///
/// UNSPECIFIED has no name: it is the filter "any" or "not set", and a
/// stored name the table does not know reads back as UNSPECIFIED.
public protocol StoredNameEnum: SwiftProtobuf.Enum, CaseIterable {
    /// Every case but UNSPECIFIED with its name, in the order attrctl lists them.
    static var storedNames: [(Self, String)] { get }
}

extension StoredNameEnum {
    /// The stored name; nil for UNSPECIFIED or a value this build does not know.
    public var storedName: String? {
        Self.storedNames.first { $0.0 == self }?.1
    }

    /// The case named `storedName`; UNSPECIFIED for nil or an unknown name.
    public init(storedName: String?) {
        self = Self.named(storedName) ?? Self()
    }

    /// The case named `name` exactly; nil for nil or an unknown name.
    public static func named(_ name: String?) -> Self? {
        storedNames.first { $0.1 == name }?.0
    }
}
