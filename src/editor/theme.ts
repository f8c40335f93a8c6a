// Editor colours come from the page's CSS custom properties, so the light/dark switch needs no
// reconfiguration: the variables change and the editor follows.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: 'var(--tok-keyword)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--tok-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--tok-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName))], color: 'var(--tok-function)' },
  { tag: [t.className, t.definition(t.className), t.typeName], color: 'var(--tok-type)' },
  { tag: [t.self, t.special(t.variableName)], color: 'var(--tok-keyword)' },
  { tag: t.propertyName, color: 'var(--tok-property)' },
  { tag: t.meta, color: 'var(--tok-comment)' },
]);

/** Colours and metrics of the cell editor. */
export function editorTheme(): Extension {
  return [
    EditorView.theme({
      '&': { color: 'var(--fg)', backgroundColor: 'var(--code-bg)', fontSize: '14px' },
      '&.cm-focused': { outline: 'none' },
      '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)', padding: '6px 0' },
      '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
      '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted-strong)', border: 'none' },
      '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
      '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
      '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--fg)' },
      '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection)' },
      '.cm-matchingBracket': { backgroundColor: 'var(--bracket)', outline: '1px solid var(--muted)' },
      '.cm-error-line': { backgroundColor: 'var(--error-bg)', boxShadow: 'inset 3px 0 0 var(--error)' },
      '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--fg)', border: '1px solid var(--border)' },
      '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--on-accent)' },
      '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--fg)' },
    }),
    syntaxHighlighting(highlight),
  ];
}
