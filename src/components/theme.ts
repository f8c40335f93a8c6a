// Light and dark themes: follow the system until the person picks one, then remember the pick.
// The choice is one word in localStorage; it is a display preference, not notebook data, so it
// does not go through the storage layer.

export type Theme = 'light' | 'dark';

const KEY = 'retort-theme';
const dark = (): boolean => window.matchMedia('(prefers-color-scheme: dark)').matches;

/** The theme in effect now. */
export function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return dark() ? 'dark' : 'light';
}

/** Apply a remembered choice, if any, at start-up. */
export function restoreTheme(): void {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Storage can be blocked; the system theme then applies.
  }
  if (saved === 'light' || saved === 'dark') document.documentElement.dataset.theme = saved;
}

/** Switch to the other theme and remember it. */
export function toggleTheme(): Theme {
  const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // Not remembered; still applied for this page.
  }
  return next;
}
