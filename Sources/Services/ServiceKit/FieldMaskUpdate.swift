public import SwiftProtobuf

/// An Update method's field mask (AIP-134 style): the paths it may change,
/// each with how it changes the stored resource, declared once.
///
/// ```swift
/// static let update = FieldMaskUpdate<Attribution_V1_Dashboard, Dashboard>([
///     .init("name") { input, dashboard throws(FieldError) in dashboard.name = try Validate.required(input.name, "dashboard.name", maximum: 200) },
///     .init("description") { input, dashboard throws(FieldError) in ... },
/// ])
/// let selection = try Self.update.select(request.hasUpdateMask ? request.updateMask : nil)  // before any read
/// try selection.apply(request.dashboard, to: &stored)                                      // in the write transaction
/// ```
///
/// Semantics:
/// - An absent or empty mask is INVALID_ARGUMENT (`update_mask: is required
///   and must name at least one field`): attrd's Update methods never read an
///   empty mask as "every field", so a client that forgets the mask changes nothing.
/// - A path not declared (including a nested path such as `a.b`, unless
///   declared as such) is INVALID_ARGUMENT naming `update_mask`, the path, and
///   the paths allowed. A path given twice counts once.
/// - The selected fields are applied in declaration order, whatever the
///   mask's order; fields not selected keep their stored value.
public struct FieldMaskUpdate<Input, Resource>: Sendable {
    /// One updatable path and how the input's field changes the resource.
    public struct Field: Sendable {
        public let path: String
        public let apply: @Sendable (Input, inout Resource) throws(FieldError) -> Void

        public init(_ path: String, apply: @escaping @Sendable (Input, inout Resource) throws(FieldError) -> Void) {
            self.path = path
            self.apply = apply
        }
    }

    /// The fields a request's mask selected, validated.
    public struct Selection: Sendable {
        public let fields: [Field]

        /// The selected paths, in declaration order.
        public var paths: [String] { fields.map(\.path) }

        public func contains(_ path: String) -> Bool { fields.contains { $0.path == path } }

        /// Applies each selected field of `input` to `resource`; the first
        /// invalid field's error is thrown (the caller then stores nothing).
        public func apply(_ input: Input, to resource: inout Resource) throws(FieldError) {
            for field in fields { try field.apply(input, &resource) }
        }
    }

    public let fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// The paths allowed, in declaration order.
    public var paths: [String] { fields.map(\.path) }

    /// Checks `mask` against the declared paths; `field` names the mask in errors.
    public func select(_ mask: Google_Protobuf_FieldMask?, field: String = "update_mask") throws(FieldError) -> Selection {
        guard let mask, !mask.paths.isEmpty else { throw FieldError(field, "is required and must name at least one field") }
        let declared = Set(paths)
        for path in mask.paths where !declared.contains(path) {
            throw FieldError(field, "'\(path.prefix(100))' is not updatable (use \(paths.joined(separator: ", ")))")
        }
        let requested = Set(mask.paths)
        return Selection(fields: fields.filter { requested.contains($0.path) })
    }
}
