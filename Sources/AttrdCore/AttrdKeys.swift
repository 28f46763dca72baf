public import Logging
public import Storage
import Secrets
import ServiceKit

/// `attrd keys ...`: work on the sealed secrets outside serving.
public enum AttrdKeys {
    /// Re-seals every secret under the current master key (`attrd keys rotate`);
    /// returns a one-line summary for the operator.
    public static func rotate(
        database: ConnectionString,
        settings: AttrdConfiguration.StorageSettings,
        logger: Logger
    ) async throws -> String {
        guard let keyring = settings.masterKeys else {
            throw StartupError(check: "master keys", reason: "set --master-key-file or ATTRD_MASTER_KEY")
        }
        let report = try await AttrdStorage.with(database: database, settings: settings, logger: logger) { storage in
            try await KeyRotation(
                database: storage.database, box: SecretBox(keyring: keyring), columns: AttrdModules.secretColumns(),
                logger: logger
            ).run()
        }
        return "re-sealed \(report.resealed) secret(s) under key \(keyring.current.id); "
            + "\(report.alreadyCurrent) already current; \(report.tenants) tenant(s)"
    }
}
