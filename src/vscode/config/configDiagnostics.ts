import * as vscode from 'vscode';
import { configFileProblems, parseConfig } from '../../core/config/parse';
import { Disposable } from '../dispose';
import { isConfigDocument, toVscodeRange } from './configDocuments';

/** Validating on every keystroke would re-parse mid-word; a short pause keeps typing smooth. */
const DEBOUNCE_MS = 150;

/** Live validation of experiment configs, shown in the Problems panel and as squiggles. */
export class ConfigDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('genmon'));
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor() {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.validateNow(document)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.cancel(document);
        this.collection.delete(document.uri);
      }),
    );
    this.register({ dispose: () => [...this.timers.values()].forEach(clearTimeout) });
    vscode.workspace.textDocuments.forEach((document) => this.validateNow(document));
  }

  validateNow(document: vscode.TextDocument): void {
    if (!isConfigDocument(document)) return;
    this.cancel(document);
    const text = document.getText();
    const parsed = parseConfig(text, document.uri.fsPath);
    // Files the config names are checked where they live, so only for configs saved on disk.
    const fileProblems = parsed.config && document.uri.scheme === 'file' ? configFileProblems(text, parsed.config, document.uri.fsPath) : [];
    const problems = [...parsed.problems, ...fileProblems];
    this.collection.set(
      document.uri,
      problems.map((problem) => {
        const diagnostic = new vscode.Diagnostic(
          toVscodeRange(problem.range),
          problem.message,
          problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = 'genmon';
        diagnostic.code = problem.code;
        return diagnostic;
      }),
    );
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isConfigDocument(document)) return;
    this.cancel(document);
    const key = document.uri.toString();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.validateNow(document);
      }, DEBOUNCE_MS),
    );
  }

  private cancel(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }
}
