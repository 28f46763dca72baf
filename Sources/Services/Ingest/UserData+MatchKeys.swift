import ServiceKit
import AttributionCore
import Foundation
import Protos
#if canImport(Glibc)
import Glibc
#endif

extension Attribution_V1_UserData {
    /// Customer parameters normalised and hashed, browser keys kept as they are.
    func matchKeys() throws(FieldError) -> MatchKeys {
        var keys = MatchKeys()
        let hashed: [(CustomerParameter, [String], String)] = [
            (.email, emails, "emails"), (.phone, phones, "phones"), (.firstName, firstNames, "first_names"),
            (.lastName, lastNames, "last_names"), (.dateOfBirth, datesOfBirth, "dates_of_birth"),
            (.gender, genders, "genders"), (.city, cities, "cities"), (.state, states, "states"),
            (.zipCode, zipCodes, "zip_codes"), (.country, countries, "countries"),
            (.externalID, externalIds, "external_ids"),
        ]
        for (parameter, values, field) in hashed {
            do {
                try keys.add(parameter, values, field: "user_data.\(field)")
            } catch {
                throw FieldError(error.field, error.reason)
            }
        }
        if !clientIpAddress.isEmpty {
            guard Self.isIPAddress(clientIpAddress) else {
                throw FieldError("user_data.client_ip_address", "is not an IPv4 or IPv6 address")
            }
            keys.set(.clientIPAddress, clientIpAddress)
        }
        let browser: [(BrowserKey, String, String)] = [
            (.clientUserAgent, clientUserAgent, "client_user_agent"), (.fbc, fbc, "fbc"), (.fbp, fbp, "fbp"),
            (.ttclid, ttclid, "ttclid"), (.ttp, ttp, "ttp"), (.gaClientID, gaClientID, "ga_client_id"),
        ]
        for (key, value, field) in browser {
            guard value.count <= 1000 else { throw FieldError("user_data.\(field)", "is longer than 1000 characters") }
            keys.set(key, value)
        }
        return keys
    }

    private static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
