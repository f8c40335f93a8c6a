// What Export, Import and Erase do, each returning what to tell the person.
import { exportBackup, parseBackup, planImport, type Journal, type VariantStore } from '../storage/index.ts';

/** Download every readable variant as one JSON file. */
export async function exportAll(store: VariantStore): Promise<string> {
  const { variants, skipped } = await store.list();
  const blob = new Blob([exportBackup(variants, new Date())], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `retort-variants-${new Date().toISOString().slice(0, 10)}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  const note = skipped.length > 0 ? ` ${skipped.length} unreadable saved item(s) could not be included.` : '';
  return `Exported ${variants.length} variant(s) to ${link.download}.${note}`;
}

/** Merge a backup file into the store; nothing here is overwritten (differing copies are kept both). */
export async function importText(store: VariantStore, text: string): Promise<string> {
  let parsed;
  try {
    parsed = parseBackup(text);
  } catch (error) {
    return `Nothing was imported. ${(error as Error).message}`;
  }
  const { variants, skipped } = await store.list();
  const plan = planImport(
    variants,
    parsed.variants,
    Date.now(),
    skipped.map((s) => s.key),
  );
  for (const v of plan.write) await store.replace(v);
  for (const v of plan.copies) await store.save(v);
  const parts = [`Imported ${plan.write.length} variant(s).`];
  if (plan.copies.length > 0) parts.push(`${plan.copies.length} differed from yours and were added as copies named “… (imported)”; yours are unchanged.`);
  if (plan.unchanged.length > 0) parts.push(`${plan.unchanged.length} were already here.`);
  if (parsed.skipped.length > 0) parts.push(`Skipped ${parsed.skipped.map((s) => `${s.key} (${s.reason})`).join(', ')}.`);
  return parts.join(' ');
}

/** Delete every saved variant, draft and unsaved-edit journal entry. */
export async function eraseAll(store: VariantStore, journal: Journal): Promise<string> {
  await store.clear();
  journal.clear();
  return 'Erased all your variants and drafts from this browser.';
}
