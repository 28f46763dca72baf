/// The hashed customer-information parameters of Meta's Conversions API,
/// each with its normalisation. The raw value is the parameter's CAPI name,
/// which is also its key in `pixel_events.match_keys`.
public enum CustomerParameter: String, Sendable, CaseIterable {
    case email = "em"
    case phone = "ph"
    case firstName = "fn"
    case lastName = "ln"
    case dateOfBirth = "db"
    case gender = "ge"
    case city = "ct"
    case state = "st"
    case zipCode = "zp"
    case country
    case externalID = "external_id"

    /// Email, phone and external id identify a person on their own; the
    /// others only together.
    public var isStrongIdentifier: Bool {
        switch self {
        case .email, .phone, .externalID: true
        default: false
        }
    }
}
