/**
 * The trainer's end of the control channel (docs/control-channel.md): a WebSocket server on
 * 127.0.0.1 at an ephemeral port, announced with a fresh token in the run's control.json.
 * A connection must say hello with that token first; then each text message is validated and
 * handed to the handler, and its reply sent back. Nothing a client sends can throw out of here:
 * bad input gets an error reply, and only a missing or wrong token closes the connection.
 */
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { createControlToken, removeControlEndpoint, writeControlEndpoint, type ControlEndpoint } from '../../core/control/controlEndpoint';
import {
  CONTROL_PROTOCOL_VERSION,
  MAX_CONTROL_MESSAGE_BYTES,
  errorReply,
  parseClientMessage,
  type ControlCommand,
  type ControlError,
  type ControlReply,
  type ServerMessage,
  type StateNotification,
  type WelcomeMessage,
} from '../../protocol/control';

export interface ControlHandler {
  /** The welcome's facts for a newly authenticated client. */
  welcome(): Omit<WelcomeMessage, 'type' | 'protocol'>;
  handle(command: ControlCommand): ControlReply | Promise<ControlReply>;
}

export interface ControlServerOptions {
  readonly runDir: string;
  readonly handler: ControlHandler;
  /** How long a connection may stay without a valid hello; default 5000 ms. */
  readonly authTimeoutMs?: number;
  /** Authenticated or not; default 8. */
  readonly maxConnections?: number;
  /** Called with what went wrong on the server side (the trainer prints it); never for client mistakes. */
  readonly log?: (line: string) => void;
}

/** WebSocket close codes (RFC 6455 §7.4.1). */
const CLOSE_POLICY_VIOLATION = 1008;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_TRY_AGAIN_LATER = 1013;
/** Messages between the protocol limit and this get a `too-large` reply; larger ones close the connection (1009). */
const HARD_PAYLOAD_LIMIT = 16 * MAX_CONTROL_MESSAGE_BYTES;

export class ControlServer {
  private readonly authenticated = new Set<WebSocket>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly options: ControlServerOptions,
    readonly endpoint: ControlEndpoint,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Listens, then writes control.json; rejects if either fails (nothing is left listening then). */
  static async start(options: ControlServerOptions): Promise<ControlServer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: HARD_PAYLOAD_LIMIT, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    server.on('error', (error) => options.log?.(`control channel error: ${error.message}`));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const endpoint: ControlEndpoint = { protocol: CONTROL_PROTOCOL_VERSION, host: '127.0.0.1', port, token: createControlToken(), pid: process.pid };
    try {
      writeControlEndpoint(options.runDir, endpoint);
    } catch (error) {
      server.close();
      throw error;
    }
    return new ControlServer(server, options, endpoint);
  }

  /** Sends to every authenticated client. */
  broadcast(notification: StateNotification): void {
    for (const socket of this.authenticated) send(socket, notification);
  }

  /** Idempotent: removes control.json, closes every connection (1001) and the listener. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      removeControlEndpoint(this.options.runDir);
      for (const socket of this.server.clients) socket.close(CLOSE_GOING_AWAY, 'trainer exiting');
      // Clients that do not complete the close handshake are cut off rather than waited for.
      const force = setTimeout(() => {
        for (const socket of this.server.clients) socket.terminate();
      }, 1000);
      this.server.close(() => {
        clearTimeout(force);
        resolve();
      });
    });
    return this.closing;
  }

  private accept(socket: WebSocket): void {
    socket.on('error', () => undefined);
    if (this.closing) {
      socket.close(CLOSE_GOING_AWAY, 'trainer exiting');
      return;
    }
    if (this.server.clients.size > (this.options.maxConnections ?? 8)) {
      reject(socket, errorReply('busy', 'too many control connections'), CLOSE_TRY_AGAIN_LATER);
      return;
    }
    const authTimeoutMs = this.options.authTimeoutMs ?? 5000;
    const authTimer = setTimeout(() => reject(socket, errorReply('unauthorized', `no hello with the run's token within ${authTimeoutMs} ms`)), authTimeoutMs);
    socket.on('close', () => {
      clearTimeout(authTimer);
      this.authenticated.delete(socket);
    });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!this.authenticated.has(socket)) {
        clearTimeout(authTimer);
        this.authenticate(socket, isBinary ? undefined : data.toString());
      } else {
        void this.onCommandMessage(socket, isBinary ? undefined : data.toString());
      }
    });
  }

  private authenticate(socket: WebSocket, text: string | undefined): void {
    const parsed = text === undefined ? undefined : parseClientMessage(text);
    if (!parsed?.ok || parsed.value.type !== 'hello') {
      reject(socket, errorReply('unauthorized', 'the first message must be {"type":"hello","token":…} with the token from the run\'s control.json'));
      return;
    }
    if (!tokensEqual(parsed.value.token, this.endpoint.token)) {
      reject(socket, errorReply('unauthorized', "wrong token: read it from the run's control.json"));
      return;
    }
    this.authenticated.add(socket);
    send(socket, { type: 'welcome', protocol: CONTROL_PROTOCOL_VERSION, ...this.options.handler.welcome() });
  }

  private async onCommandMessage(socket: WebSocket, text: string | undefined): Promise<void> {
    if (text === undefined) {
      send(socket, errorReply('malformed', 'binary frames are not accepted: send JSON text'));
      return;
    }
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      send(socket, parsed.error);
      return;
    }
    const message = parsed.value;
    if (message.type === 'hello') {
      send(socket, errorReply('invalid-request', 'this connection is already authenticated'));
      return;
    }
    let reply: ControlReply;
    try {
      reply = await this.options.handler.handle(message);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.options.log?.(`control command "${message.type}" failed: ${detail}`);
      reply = errorReply('internal', `"${message.type}" failed: ${detail}`, message.id);
    }
    send(socket, reply);
  }
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** The reply goes first, then the close: a client learns why it was turned away. */
function reject(socket: WebSocket, error: ControlError, code = CLOSE_POLICY_VIOLATION): void {
  send(socket, error);
  socket.close(code, error.code);
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual needs equal lengths; comparing b with itself keeps the time independent of a's length.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
}
