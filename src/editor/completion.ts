// Completion from the live Python namespace: after `session = Session(engine)`, `session.` offers
// Session's methods. The runtime answers; this only asks and maps the answer.
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import type { Completions } from '../protocol/runtime-api.ts';

/** Asks the runtime for completions of `code` at `offset`. */
export type CompletionFetcher = (code: string, offset: number) => Promise<Completions> | undefined;

/** Completion popup fed by the runtime. */
export function runtimeCompletion(fetch: CompletionFetcher): Extension {
  const source = async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w.]*/);
    if (!context.explicit && (!word || word.text === '' || !/[.\w]$/.test(word.text))) return null;
    const pending = fetch(context.state.doc.toString(), context.pos);
    if (!pending) return null;
    let answer: Completions;
    try {
      answer = await pending;
    } catch {
      return null;
    }
    if (context.aborted || answer.options.length === 0) return null;
    return {
      from: answer.from,
      options: answer.options.map((o) => ({ label: o.label, type: o.type, detail: o.detail })),
      validFor: /^\w*$/,
    };
  };
  return autocompletion({ override: [source], activateOnTypingDelay: 150 });
}
