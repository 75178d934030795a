import * as net from "node:net";

export interface TcpGate {
    readonly endpoint: string;
    /** `pass` forwards to the target; `hang` accepts and never answers (existing connections are cut). */
    mode: "pass" | "hang";
    close(): Promise<void>;
}

/** A loopback TCP forwarder in front of a server, so a test can make that server hang without stopping it. */
export async function startTcpGate(target: { host: string; port: number }): Promise<TcpGate> {
    const sockets = new Set<net.Socket>();
    let mode: TcpGate["mode"] = "pass";
    const track = (socket: net.Socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => socket.destroy());
    };
    const server = net.createServer((client) => {
        track(client);
        if (mode === "hang") {
            return;
        }
        const upstream = net.connect(target.port, target.host);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const cutAll = () => sockets.forEach((socket) => socket.destroy());
    return {
        endpoint: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        get mode() {
            return mode;
        },
        set mode(next) {
            mode = next;
            cutAll();
        },
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                cutAll();
            }),
    };
}
