// The app's view of the person's variants: the list for the side bar, the actions on them
// (rename, duplicate, delete and discard with undo), and what to open for a route.
// A Reactive Controller: the app re-renders when the list or the notice changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findRecipe, loadRecipe, type Recipe } from '../recipes/index.ts';
import type { Notebook } from '../notebook/notebook.ts';
import {
  SCHEMA_VERSION,
  askPersistentStorage,
  copyVariant,
  describeStorageError,
  draftId,
  newVariantId,
  openVariantStore,
  recipeVersion,
  recoverUnsaved,
  type SkippedRecord,
  type Variant,
} from '../storage/index.ts';
import { eraseAll, exportAll, importText } from './backup-actions.ts';
import type { BackupEvent } from './retort-backup.ts';
import type { Route } from './route.ts';
import type { SharedNotebook } from './retort-shared-banner.ts';
import type { VariantActionEvent } from './variant-events.ts';

/** Something said to the person, with an undo when the action can be undone. */
export interface Notice {
  text: string;
  undo?: () => Promise<void>;
}

/** What the main area shows for a route. */
export interface Opened {
  recipe?: Recipe;
  variant?: Variant;
  /** A notebook from a share link, to show read-only. */
  shared?: SharedNotebook;
  /** Why the route could not be opened (a bad share link), said to the person. */
  problem?: string;
}

export class MyVariants implements ReactiveController {
  readonly store;
  readonly journal;
  variants: Variant[] = [];
  skipped: SkippedRecord[] = [];
  notice: Notice | undefined;
  /** Set once the first listing is in (journaled edits recovered first). */
  readonly ready: Promise<void>;
  private unwatch: (() => void) | undefined;
  private refreshing = false;
  private again = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called when the shown notebook must be opened again (its variant was removed or restored). */
    private readonly reopen: () => void,
  ) {
    ({ store: this.store, journal: this.journal } = openVariantStore());
    host.addController(this);
    this.ready = this.start();
  }

  hostConnected(): void {
    this.unwatch = this.store.watch(() => void this.refresh());
  }

  hostDisconnected(): void {
    this.unwatch?.();
  }

  /** Tell the person something. */
  say(notice: Notice | undefined): void {
    this.notice = notice;
    this.host.requestUpdate();
  }

  /** Re-read the list. */
  async refresh(): Promise<void> {
    // One read at a time; a change during a read asks for one more read after it.
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.again = false;
        const listing = await this.store.list();
        this.variants = listing.variants;
        this.skipped = listing.skipped;
      } while (this.again);
    } catch (error) {
      this.say({ text: describeStorageError(error) });
    } finally {
      this.refreshing = false;
      this.host.requestUpdate();
    }
  }

  /** The recipe and the person's variant to show for a route. */
  async open(route: Route): Promise<Opened> {
    // A link is read without touching storage: a bad one can never harm saved variants.
    if (route.name === 'shared') return this.openShared(route.payload);
    // The recipe's text is fetched at once, not after the variant list is read (a failure is said below).
    if (route.name === 'recipe') void loadRecipe(route.slug).catch(() => {});
    await this.ready;
    try {
      if (route.name === 'recipe') {
        const [variant, recipe] = await Promise.all([this.store.get(draftId(route.slug)), this.loadRecipe(route.slug)]);
        return { recipe, variant: variant?.draft ? variant : undefined };
      }
      if (route.name === 'variant') {
        const variant = await this.store.get(route.id);
        return { variant, recipe: variant ? await this.loadRecipe(variant.recipeSlug) : undefined };
      }
    } catch (error) {
      this.say({ text: describeStorageError(error) });
      if (route.name === 'recipe') return { recipe: await this.loadRecipe(route.slug) };
    }
    return {};
  }

  private async openShared(payload: string): Promise<Opened> {
    // The codec (and lz-string) load only when a link is opened.
    const { decodeShareLink } = await import('../notebook/share-link.ts');
    const decoded = await decodeShareLink(payload, (slug) => findRecipe(slug)?.meta);
    if (!decoded.ok) return { problem: decoded.message };
    const { notebook, versions, recipeSlug } = decoded;
    const recipe = notebook.recipe ? await this.loadRecipe(notebook.recipe.slug) : undefined;
    return { recipe, shared: { notebook, versions, ...(recipeSlug === undefined ? {} : { recipeSlug }) } };
  }

  /**
   * Keep a notebook from a link or a file as a new named variant: of its recipe when this
   * catalog ships it, otherwise a notebook of its own. Undefined (and a notice) when storage failed.
   */
  async keep(notebook: Notebook, name: string): Promise<Variant | undefined> {
    const recipe = notebook.recipe ? await this.loadRecipe(notebook.recipe.slug) : undefined;
    const now = Date.now();
    const variant: Variant = {
      schema: SCHEMA_VERSION,
      id: newVariantId(),
      name,
      recipeSlug: recipe?.meta.slug ?? '',
      baseVersion: recipe ? recipeVersion(recipe.text) : '',
      notebook: { title: notebook.title, cells: structuredClone(notebook.cells), files: structuredClone(notebook.files) },
      createdAt: now,
      updatedAt: now,
      revision: 1,
      draft: false,
    };
    try {
      await this.store.save(variant);
      return variant;
    } catch (error) {
      this.say({ text: `${describeStorageError(error)} The notebook is still on screen.` });
      return undefined;
    }
  }

  /** A shipped recipe with its text loaded; undefined (and a notice when it could not be fetched) otherwise. */
  private async loadRecipe(slug: string): Promise<Recipe | undefined> {
    try {
      return await loadRecipe(slug);
    } catch (error) {
      this.say({ text: `${(error as Error).message} Check the connection and open it again.` });
      return undefined;
    }
  }

  /** Act on a variant; every removal can be undone. */
  async act(event: VariantActionEvent, shownId: string | undefined): Promise<void> {
    try {
      const v = await this.store.get(event.id);
      if (!v) return;
      const now = Date.now();
      if (event.action === 'duplicate') {
        await this.store.save(copyVariant(v, `${v.name} (copy)`, now));
        this.say({ text: `Duplicated “${v.name}”.` });
      } else if (event.action === 'rename' && v.draft) {
        // A named draft becomes a variant of its own (the recipe page then shows the recipe again);
        // if it is on screen, the screen follows it.
        const named = copyVariant(v, event.name, now);
        await this.store.save(named);
        await this.store.delete(v.id);
        if (shownId === v.id) location.hash = `#/variant/${named.id}`;
      } else if (event.action === 'rename') {
        await this.store.save({ ...v, name: event.name, revision: v.revision + 1, updatedAt: now });
      } else {
        await this.store.delete(v.id);
        if (shownId === v.id) this.reopen();
        const text = event.action === 'discard' ? `Your draft of “${v.name}” was put aside; this is the shipped recipe.` : `Deleted “${v.name}”.`;
        this.say({
          text,
          undo: async () => {
            await this.store.replace(v);
            this.say({ text: `Restored “${v.name}”.` });
            if (shownId === v.id) this.reopen();
          },
        });
      }
    } catch (error) {
      this.say({ text: describeStorageError(error) });
    }
  }

  /** Export, import or erase; the open notebook is opened again after import or erase. */
  async backup(event: BackupEvent): Promise<void> {
    try {
      if (event.action === 'export') this.say({ text: await exportAll(this.store) });
      else if (event.action === 'import') this.say({ text: await importText(this.store, event.text) });
      else this.say({ text: await eraseAll(this.store, this.journal) });
      if (event.action !== 'export') this.reopen();
    } catch (error) {
      this.say({ text: describeStorageError(error) });
    }
  }

  private async start(): Promise<void> {
    try {
      const copies = await recoverUnsaved(this.store, this.journal);
      if (copies.length > 0) this.say({ text: `Recovered unsaved edits as ${copies.map((c) => `“${c.name}”`).join(', ')}.` });
    } catch {
      // Recovery is retried at the next start.
    }
    await this.refresh();
    void askPersistentStorage();
  }
}
