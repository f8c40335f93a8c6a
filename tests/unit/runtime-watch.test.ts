// The controller that keeps the runtime's status and start-problem elements up to date: the host
// renders again on each runtime event, follows a runtime it is given later, and stops listening
// when it leaves the page.
import { describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RuntimeWatch } from '../../src/components/runtime-watch.ts';
import type { Runtime } from '../../src/components/runtime-context.ts';

/** A host that counts the updates asked of it, with the runtime it was given. */
function fakeHost(runtime?: Runtime) {
  const controllers: ReactiveController[] = [];
  const host = {
    runtime,
    updates: 0,
    addController: (c: ReactiveController) => void controllers.push(c),
    removeController: () => {},
    requestUpdate: () => void (host.updates += 1),
    updateComplete: Promise.resolve(true),
    /** What Lit does before each render. */
    update: () => controllers.forEach((c) => c.hostUpdate?.()),
    connect: () => controllers.forEach((c) => c.hostConnected?.()),
    disconnect: () => controllers.forEach((c) => c.hostDisconnected?.()),
  };
  return host satisfies ReactiveControllerHost & { runtime?: Runtime };
}

const runtime = (): Runtime => new EventTarget() as Runtime;

describe('RuntimeWatch', () => {
  it('asks for a render on each of the runtime events the status shows', () => {
    const rt = runtime();
    const host = fakeHost(rt);
    new RuntimeWatch(host);
    host.connect();
    for (const name of ['progress', 'ready', 'status', 'reset', 'slow']) rt.dispatchEvent(new Event(name));
    expect(host.updates).toBe(5);
    rt.dispatchEvent(new Event('something-else'));
    expect(host.updates).toBe(5);
  });

  it('follows a runtime given later, and no longer hears the one before', () => {
    const first = runtime();
    const second = runtime();
    const host = fakeHost();
    new RuntimeWatch(host);
    host.connect();
    host.runtime = first;
    host.update();
    first.dispatchEvent(new Event('status'));
    expect(host.updates).toBe(1);
    host.runtime = second;
    host.update();
    first.dispatchEvent(new Event('status'));
    second.dispatchEvent(new Event('ready'));
    expect(host.updates).toBe(2);
  });

  it('stops listening when its element leaves the page, and listens again when it comes back', () => {
    const rt = runtime();
    const host = fakeHost(rt);
    new RuntimeWatch(host);
    host.connect();
    host.disconnect();
    rt.dispatchEvent(new Event('status'));
    expect(host.updates).toBe(0);
    host.connect();
    rt.dispatchEvent(new Event('status'));
    expect(host.updates).toBe(1);
  });
});
