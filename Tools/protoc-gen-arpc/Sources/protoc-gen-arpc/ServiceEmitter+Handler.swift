import SwiftProtobufPluginLibrary

extension ServiceEmitter {
    func emitHandler(into printer: inout SourcePrinter) throws {
        // Read every method's access first: a method without one stops generation.
        let accesses = try service.methods.map(access.swiftCase(of:))
        printer.line("/// Implement this to serve \(service.fullName); `register(with:)` adds it to a router.")
        printer.block("public protocol \(prefix)Handler: Sendable") { printer in
            for method in service.methods {
                printer.comment(method.protoSourceComments())
                printer.line("func \(swiftName(method))(\(handlerParameters(method))) async throws\(handlerResult(method))")
            }
        }
        printer.line()
        printer.block("extension \(prefix)Handler") { printer in
            printer.line("/// Registers every method of \(service.fullName) with `router`, each with")
            printer.line("/// the access its .proto declares (option (arpc.access.v1.access)).")
            printer.block("public func register(with router: inout Router)") { printer in
                for (method, access) in zip(service.methods, accesses) {
                    let (kind, arguments) = registration(method)
                    printer.line("router.\(kind)(\(path(method)), access: .\(access)) { \(arguments) in")
                    printer.line("    try await self.\(swiftName(method))(\(forwarded(method)))")
                    printer.line("}")
                }
            }
        }
    }

    private func handlerParameters(_ method: MethodDescriptor) -> String {
        switch (method.clientStreaming, method.serverStreaming) {
        case (false, false): "_ request: \(input(method)), context: ServerContext"
        case (false, true): "_ request: \(input(method)), responses: ResponseWriter<\(output(method))>, context: ServerContext"
        case (true, false): "_ requests: RequestStream<\(input(method))>, context: ServerContext"
        case (true, true): "_ requests: RequestStream<\(input(method))>, responses: ResponseWriter<\(output(method))>, context: ServerContext"
        }
    }

    private func handlerResult(_ method: MethodDescriptor) -> String {
        method.serverStreaming ? "" : " -> \(output(method))"
    }

    private func registration(_ method: MethodDescriptor) -> (String, String) {
        switch (method.clientStreaming, method.serverStreaming) {
        case (false, false): ("unary", "request, context")
        case (false, true): ("serverStreaming", "request, responses, context")
        case (true, false): ("clientStreaming", "requests, context")
        case (true, true): ("bidirectional", "requests, responses, context")
        }
    }

    private func forwarded(_ method: MethodDescriptor) -> String {
        switch (method.clientStreaming, method.serverStreaming) {
        case (false, false): "request, context: context"
        case (false, true): "request, responses: responses, context: context"
        case (true, false): "requests, context: context"
        case (true, true): "requests, responses: responses, context: context"
        }
    }
}
