public import Identity

/// What a principal may do in its tenant (the role matrix: docs/SECURITY.md).
public enum Role: String, Sendable, CaseIterable {
    /// Everything: reads, configuration, retries, ingest.
    case admin
    /// Reads only.
    case analyst
    /// Ingest only: the role of backend services that send data.
    case ingest

    /// The role of a principal with no row in `principal_roles`.
    public static func `default`(for kind: Principal.Kind) -> Role {
        kind == .service ? .ingest : .analyst
    }
}
