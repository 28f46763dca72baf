import Wire

extension ServerInterceptor {
    /// Runs `next`, then reports the status the call ended with and
    /// rethrows. The server converts a handler's errors before interceptors
    /// see them, so this is the thrown `RPCError`'s code; an interceptor's
    /// own other error ends the call as INTERNAL, as the server reports it.
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
            completion(context.cancellationCode ?? .cancelled)
            throw CancellationError()
        } catch {
            completion(.internal)
            throw error
        }
    }
}
