// Typed events about a person's variants, sent up to the app shell, which acts on the store.

/** What a person asked to do with one variant. */
export type VariantAction = 'rename' | 'duplicate' | 'delete' | 'discard';

/** A person acted on a variant (from the side bar or the notebook's variant bar). */
export class VariantActionEvent extends Event {
  static readonly eventName = 'retort-variant-action';
  constructor(
    readonly action: VariantAction,
    readonly id: string,
    /** The new name, for `rename`. */
    readonly name = '',
  ) {
    super(VariantActionEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Something to tell the person, optionally with an undo. */
export class VariantNoticeEvent extends Event {
  static readonly eventName = 'retort-variant-notice';
  constructor(
    readonly text: string,
    readonly undo?: () => Promise<void>,
  ) {
    super(VariantNoticeEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The open notebook now saves to another variant (its text was kept as a copy after a conflict). */
export class VariantMovedEvent extends Event {
  static readonly eventName = 'retort-variant-moved';
  constructor(readonly variantId: string) {
    super(VariantMovedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'retort-variant-action': VariantActionEvent;
    'retort-variant-notice': VariantNoticeEvent;
    'retort-variant-moved': VariantMovedEvent;
  }
}
