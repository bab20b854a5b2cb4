/**
 * A client for a running trainer's control channel (docs/control-channel.md), for the extension
 * host, scripts and tests. It reads the run's control.json, authenticates, then sends commands
 * and matches each reply to its request by id; state notifications and the latest known state
 * are there for a UI to follow the trainer. Transport failures (cannot connect, timeout, closed)
 * reject; a trainer's error reply resolves, as a reply with `ok: false`.
 */
import WebSocket from 'ws';
import {
  CONTROL_PROTOCOL_VERSION,
  parseServerMessage,
  type ControlCommand,
  type ControlReply,
  type StateNotification,
  type TrainerRunState,
  type TrainerSettings,
  type WelcomeMessage,
} from '../../protocol/control';
import { readControlEndpoint, type ControlEndpoint } from './controlEndpoint';

/** A command as a caller writes it: the client assigns the id. */
export type ControlCommandInput = ControlCommand extends infer C ? (C extends ControlCommand ? Omit<C, 'id'> : never) : never;

export interface ControlClientOptions {
  /** Connecting and authenticating together; default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Per request unless send() says otherwise; default 10000 ms (a checkpoint writes files). */
  readonly requestTimeoutMs?: number;
}

export type ControlClientErrorCode = 'connect-failed' | 'unauthorized' | 'timeout' | 'closed' | 'protocol';

export class ControlClientError extends Error {
  constructor(
    readonly code: ControlClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The trainer's state as last reported (welcome, any ack, any notification). */
export interface TrainerStatus {
  readonly state: TrainerRunState;
  readonly iteration: number;
  readonly settings: TrainerSettings;
}

export interface ControlCloseInfo {
  readonly code: number;
  readonly reason: string;
}

export interface Disposable {
  dispose(): void;
}

interface Pending {
  readonly resolve: (reply: ControlReply) => void;
  readonly reject: (error: ControlClientError) => void;
  readonly timer: NodeJS.Timeout;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const DEFAULT_REQUEST_TIMEOUT_MS = 10000;

export class TrainerControlClient {
  private readonly pending = new Map<number, Pending>();
  private readonly notificationListeners = new Set<(notification: StateNotification) => void>();
  private readonly closeListeners = new Set<(info: ControlCloseInfo) => void>();
  private nextId = 1;
  private latest: TrainerStatus;
  private closeInfo: ControlCloseInfo | undefined;

  private constructor(
    private readonly socket: WebSocket,
    readonly endpoint: ControlEndpoint,
    readonly welcome: WelcomeMessage,
    private readonly requestTimeoutMs: number,
  ) {
    this.latest = { state: welcome.state, iteration: welcome.iteration, settings: welcome.settings };
    socket.on('message', (data, isBinary) => this.onMessage(isBinary ? undefined : data.toString()));
    socket.on('close', (code, reason) => this.onClosed({ code, reason: reason.toString() }));
    // 'error' is always followed by 'close'; without a listener it would throw.
    socket.on('error', () => undefined);
  }

  /** Connects to the trainer running in `runDir` (reads its control.json). */
  static connect(runDir: string, options: ControlClientOptions = {}): Promise<TrainerControlClient> {
    return TrainerControlClient.connectTo(readControlEndpoint(runDir), options);
  }

  static connectTo(endpoint: ControlEndpoint, options: ControlClientOptions = {}): Promise<TrainerControlClient> {
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://${endpoint.host}:${endpoint.port}/`, { handshakeTimeout: connectTimeoutMs, maxPayload: 1024 * 1024 });
      let settled = false;
      const fail = (error: ControlClientError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(error);
      };
      const timer = setTimeout(() => fail(new ControlClientError('timeout', `the trainer (pid ${endpoint.pid}) did not answer within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', token: endpoint.token })));
      socket.on('error', (error) => fail(new ControlClientError('connect-failed', `cannot reach the trainer (pid ${endpoint.pid}) on port ${endpoint.port}: ${error.message}`)));
      socket.on('close', (code, reason) => fail(new ControlClientError('closed', `the trainer closed the connection (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`)));
      socket.on('message', (data, isBinary) => {
        const message = isBinary ? undefined : parseServerMessage(data.toString());
        if (message?.type === 'welcome' && message.protocol === CONTROL_PROTOCOL_VERSION) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.removeAllListeners();
          resolve(new TrainerControlClient(socket, endpoint, message, requestTimeoutMs));
        } else if (message?.type === 'error') {
          fail(new ControlClientError(message.code === 'unauthorized' ? 'unauthorized' : 'protocol', `the trainer refused the connection: ${message.message}`));
        } else {
          fail(new ControlClientError('protocol', 'the trainer answered with something other than a protocol-1 welcome'));
        }
      });
    });
  }

  /** The trainer's state as last reported. */
  get status(): TrainerStatus {
    return this.latest;
  }

  /** Set once the connection has closed (the trainer ended, or close() was called). */
  get closed(): ControlCloseInfo | undefined {
    return this.closeInfo;
  }

  send(command: ControlCommandInput, options: { readonly timeoutMs?: number } = {}): Promise<ControlReply> {
    if (this.closeInfo) return Promise.reject(new ControlClientError('closed', 'the control connection is closed'));
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ControlClientError('timeout', `no reply to "${command.type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ ...command, id }), (error) => {
        if (error) this.settle(id, undefined, new ControlClientError('closed', `could not send "${command.type}": ${error.message}`));
      });
    });
  }

  onNotification(listener: (notification: StateNotification) => void): Disposable {
    this.notificationListeners.add(listener);
    return { dispose: () => this.notificationListeners.delete(listener) };
  }

  /** Called once, when the connection closes for any reason. */
  onClose(listener: (info: ControlCloseInfo) => void): Disposable {
    this.closeListeners.add(listener);
    return { dispose: () => this.closeListeners.delete(listener) };
  }

  /** Idempotent; resolves once the socket is closed. Pending requests reject with 'closed'. */
  close(): Promise<void> {
    if (this.closeInfo) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close(1000, 'client closing');
      // A trainer that does not answer the close handshake is not waited for.
      setTimeout(() => this.socket.terminate(), 1000).unref();
    });
  }

  private onMessage(text: string | undefined): void {
    const message = text === undefined ? undefined : parseServerMessage(text);
    if (!message) return;
    switch (message.type) {
      case 'ack':
        this.latest = { state: message.state, iteration: message.iteration, settings: message.settings };
        if (typeof message.id === 'number') this.settle(message.id, message);
        break;
      case 'error':
        if (typeof message.id === 'number') this.settle(message.id, message);
        break;
      case 'state':
        this.latest = { state: message.state, iteration: message.iteration, settings: message.settings };
        for (const listener of [...this.notificationListeners]) listener(message);
        break;
      case 'welcome':
        break;
    }
  }

  private settle(id: number, reply: ControlReply | undefined, error?: ControlClientError): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (reply) pending.resolve(reply);
    else pending.reject(error ?? new ControlClientError('closed', 'the control connection is closed'));
  }

  private onClosed(info: ControlCloseInfo): void {
    if (this.closeInfo) return;
    this.closeInfo = info;
    for (const id of [...this.pending.keys()]) this.settle(id, undefined, new ControlClientError('closed', `the control connection closed (${info.code}${info.reason ? ` ${info.reason}` : ''})`));
    for (const listener of [...this.closeListeners]) listener(info);
    this.closeListeners.clear();
    this.notificationListeners.clear();
  }
}
