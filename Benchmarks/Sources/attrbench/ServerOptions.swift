import ArgumentParser
import TLS

/// Where the server under test is, and the client identity to present.
struct ServerOptions: ParsableArguments {
    @Option(help: "Server host.") var host = "127.0.0.1"
    @Option(help: "Server port.") var port: Int
    @Option(help: "Dev PKI directory (certs/dev).") var pki = "certs/dev"
    @Option(help: "Client certificate name under PKI/clients.") var client = "tenant1-ingest"

    func tlsContext() throws -> TLSContext {
        try TLSContext.client(
            serverName: "localhost", trustedCA: "\(pki)/ca.crt",
            certificateChain: "\(pki)/clients/\(client).crt", privateKey: "\(pki)/clients/\(client).key")
    }
}
