// The variant route next to the recipe route.
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../src/components/route.ts';

describe('routes', () => {
  it('reads and writes #/variant/<id>', () => {
    expect(parseRoute('#/variant/v1abc_9-x')).toEqual({ name: 'variant', id: 'v1abc_9-x' });
    expect(routeHash({ name: 'variant', id: 'draft-window-functions' })).toBe('#/variant/draft-window-functions');
    expect(parseRoute(routeHash({ name: 'variant', id: 'vq' }))).toEqual({ name: 'variant', id: 'vq' });
  });

  it('keeps the recipe route and sends anything else home', () => {
    expect(parseRoute('#/recipe/window-functions')).toEqual({ name: 'recipe', slug: 'window-functions' });
    expect(parseRoute('#/variant/')).toEqual({ name: 'home' });
    expect(parseRoute('#/variant/a b')).toEqual({ name: 'home' });
  });

  it('reads #/shared/<payload> whatever the payload holds, so a bad link reaches the decoder and its message', () => {
    expect(parseRoute('#/shared/dq1w_-')).toEqual({ name: 'shared', payload: 'dq1w_-' });
    expect(parseRoute('#/shared/')).toEqual({ name: 'shared', payload: '' });
    expect(parseRoute('#/shared/%3Cscript%3E')).toEqual({ name: 'shared', payload: '%3Cscript%3E' });
    expect(routeHash({ name: 'shared', payload: 'dabc' })).toBe('#/shared/dabc');
  });
});
