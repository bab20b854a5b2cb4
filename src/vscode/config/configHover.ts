import * as vscode from 'vscode';
import { describeAt } from '../../core/config/hover';
import { toVscodeRange } from './configDocuments';

/** Shows the schema's description of the config key under the pointer. */
export class ConfigHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const described = describeAt(document.getText(), { line: position.line, character: position.character });
    if (!described) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(described.markdown), toVscodeRange(described.range));
  }
}
