import * as vscode from 'vscode';
import { ControlClientError, TrainerControlClient, type ControlCommandInput } from '../../core/control/trainerControlClient';
import type { ControlReply } from '../../protocol/control';

/**
 * The control connection to one run's trainer, opened on first use and kept while the trainer
 * lives. A connection that closed (the trainer exited or restarted) is reopened on the next command.
 */
export class RunControl implements vscode.Disposable {
  private client: Promise<TrainerControlClient> | undefined;
  private disposed = false;

  constructor(private readonly runDir: string) {}

  async send(command: ControlCommandInput): Promise<ControlReply> {
    if (this.disposed) throw new ControlClientError('closed', 'the run is no longer watched');
    const client = await this.connect();
    return client.send(command);
  }

  dispose(): void {
    this.disposed = true;
    const client = this.client;
    this.client = undefined;
    void client?.then((connected) => connected.close()).catch(() => undefined);
  }

  private async connect(): Promise<TrainerControlClient> {
    const existing = this.client;
    if (existing) {
      const connected = await existing.catch(() => undefined);
      if (connected && !connected.closed) return connected;
    }
    const attempt = TrainerControlClient.connect(this.runDir);
    this.client = attempt;
    attempt.catch(() => {
      if (this.client === attempt) this.client = undefined;
    });
    return attempt;
  }
}

/** What to tell a user about a control reply that was not a plain success. */
export function describeControlFailure(command: string, reply: ControlReply | Error): string {
  if (reply instanceof Error) return `genmon: could not ${command} — ${reply.message}`;
  if (reply.ok) return '';
  return `genmon: the trainer refused to ${command} — ${reply.message}`;
}
