import Wire

extension ServerInterceptor {
    /// Runs `next`, then reports the status the call ended with (OK, the
    /// thrown `RPCError`'s code, CANCELLED, or UNKNOWN) and rethrows.
    func observingStatus(
        _ context: ServerContext,
        next: @Sendable (ServerContext) async throws -> Void,
        completion: (StatusCode) -> Void
    ) async throws {
        do {
            try await next(context)
            completion(.ok)
        } catch let error as RPCError {
            completion(error.code)
            throw error
        } catch is CancellationError {
            // Ended from outside (client cancel, deadline, shutdown): the code the client receives.
            completion(context.stream.cancellationCode ?? .cancelled)
            throw CancellationError()
        } catch {
            completion(.unknown)
            throw error
        }
    }
}
