import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';

export interface TrainerLaunch {
  readonly nodePath: string;
  readonly cliPath: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

export interface TrainerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  readonly spawnError?: string;
}

/** How long a trainer may take to write its last snapshot after being asked to stop. */
const STOP_GRACE_MS = 10_000;

/**
 * One trainer child process. It is spawned with a stdin pipe that it watches (`--exit-with-parent`):
 * if the extension host dies without disposing it, the pipe closes and the trainer stops by itself.
 */
export class TrainerProcess implements vscode.Disposable {
  private readonly child: ChildProcess;
  private readonly exitEmitter = new vscode.EventEmitter<TrainerExit>();
  private readonly outputEmitter = new vscode.EventEmitter<{ stream: 'stdout' | 'stderr'; line: string }>();
  private exitInfo: TrainerExit | undefined;
  private readonly exited: Promise<TrainerExit>;
  private killTimer: NodeJS.Timeout | undefined;

  readonly onDidExit = this.exitEmitter.event;
  readonly onDidOutput = this.outputEmitter.event;

  constructor(launch: TrainerLaunch) {
    this.child = spawn(launch.nodePath, [launch.cliPath, ...launch.args], {
      cwd: launch.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Desktop VS Code runs extensions in Electron; this makes its binary behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      windowsHide: true,
    });
    this.exited = new Promise((resolve) => {
      const finish = (exit: TrainerExit) => {
        if (this.exitInfo) return;
        this.exitInfo = exit;
        if (this.killTimer) clearTimeout(this.killTimer);
        this.exitEmitter.fire(exit);
        resolve(exit);
      };
      this.child.once('error', (error) => finish({ code: null, signal: null, spawnError: error.message }));
      this.child.once('exit', (code, signal) => finish({ code, signal }));
    });
    this.child.stdin?.on('error', () => {
      // The trainer closing its end is how it exits; nothing to report.
    });
    this.pipeLines(this.child.stdout, 'stdout');
    this.pipeLines(this.child.stderr, 'stderr');
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exit(): TrainerExit | undefined {
    return this.exitInfo;
  }

  /**
   * Waits for the trainer to finish its step, write a final snapshot and exit; kills it if it does
   * not within the grace period. `signalAfterMs` sends SIGTERM after that long (0: at once) for a
   * trainer that was not already asked to stop over its control channel.
   */
  stop(signalAfterMs = 0, graceMs = STOP_GRACE_MS): Promise<TrainerExit> {
    if (!this.exitInfo && !this.killTimer) {
      const signalTimer = setTimeout(() => this.child.kill('SIGTERM'), signalAfterMs);
      this.killTimer = setTimeout(() => this.child.kill('SIGKILL'), Math.max(graceMs, signalAfterMs));
      void this.exited.then(() => clearTimeout(signalTimer));
    }
    return this.exited;
  }

  whenExited(): Promise<TrainerExit> {
    return this.exited;
  }

  dispose(): void {
    void this.stop();
    this.exitEmitter.dispose();
    this.outputEmitter.dispose();
  }

  private pipeLines(stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr'): void {
    if (!stream) return;
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) this.outputEmitter.fire({ stream: name, line });
    });
    stream.on('end', () => {
      if (pending.length > 0) this.outputEmitter.fire({ stream: name, line: pending });
      pending = '';
    });
  }
}
