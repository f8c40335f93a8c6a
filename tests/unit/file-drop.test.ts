// The drop controller without a browser: a host that is a plain EventTarget, drag events with a
// stand-in DataTransfer. Checks the overlay state, that non-file drags are left alone, and what
// a drop sends up.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { FileDropController } from '../../src/components/file-drop.ts';
import { FileProblemEvent, NotebookFileOpenEvent } from '../../src/components/file-events.ts';

class FakeHost extends EventTarget {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  requestUpdate(): void {
    this.updates += 1;
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
}

function setUp(): { host: FakeHost; drop: FileDropController } {
  const host = new FakeHost();
  const drop = new FileDropController(host as unknown as ReactiveControllerHost & HTMLElement);
  host.connect();
  return { host, drop };
}

interface Transfer {
  types: string[];
  files: File[];
  items: { webkitGetAsEntry: () => { isDirectory: boolean }; getAsFile: () => File }[];
  dropEffect: string;
}

const files = (list: File[], folder = false): Transfer => ({
  types: ['Files'],
  files: list,
  items: list.map((f) => ({ webkitGetAsEntry: () => ({ isDirectory: folder }), getAsFile: () => f })),
  dropEffect: 'none',
});
const text: Transfer = { types: ['text/plain'], files: [], items: [], dropEffect: 'none' };

function drag(host: EventTarget, type: string, transfer: Transfer): Event {
  const event = new Event(type, { cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: transfer });
  host.dispatchEvent(event);
  return event;
}

function nextFileEvent(host: EventTarget): Promise<Event> {
  return new Promise((resolve) => {
    host.addEventListener(NotebookFileOpenEvent.eventName, resolve, { once: true });
    host.addEventListener(FileProblemEvent.eventName, resolve, { once: true });
  });
}

describe('FileDropController', () => {
  it('shows the overlay while files are over the host, across entering and leaving children', () => {
    const { host, drop } = setUp();
    const transfer = files([new File(['x'], 'a.py')]);
    drag(host, 'dragenter', transfer);
    expect(drop.dragging).toBe(true);
    drag(host, 'dragenter', transfer); // into a child
    drag(host, 'dragleave', transfer); // out of the host itself
    expect(drop.dragging).toBe(true);
    const over = drag(host, 'dragover', transfer);
    expect(over.defaultPrevented).toBe(true);
    expect(transfer.dropEffect).toBe('copy');
    drag(host, 'dragleave', transfer);
    expect(drop.dragging).toBe(false);
  });

  it('leaves drags without files alone', () => {
    const { host, drop } = setUp();
    expect(drag(host, 'dragenter', text).defaultPrevented).toBe(false);
    expect(drag(host, 'dragover', text).defaultPrevented).toBe(false);
    expect(drag(host, 'drop', text).defaultPrevented).toBe(false);
    expect(drop.dragging).toBe(false);
    expect(host.updates).toBe(0);
  });

  it('opens dropped files and sends the notebook up from the host', async () => {
    const { host, drop } = setUp();
    const transfer = files([new File(['# %%\nimport helpers\n'], 'nb.py'), new File(['x = 1\n'], 'helpers.py')]);
    drag(host, 'dragenter', transfer);
    const sent = nextFileEvent(host);
    expect(drag(host, 'drop', transfer).defaultPrevented).toBe(true);
    expect(drop.dragging).toBe(false);
    const event = await sent;
    expect(event).toBeInstanceOf(NotebookFileOpenEvent);
    expect((event as NotebookFileOpenEvent).notebook.files.map((f) => f.path)).toEqual(['helpers.py']);
    expect(drop.reading).toBe(false);
  });

  it('says when a dropped file cannot be opened', async () => {
    const { host } = setUp();
    const sent = nextFileEvent(host);
    drag(host, 'drop', files([new File(['\u0000\u0001'], 'a.ipynb')]));
    expect(((await sent) as FileProblemEvent).message).toMatch(/"a.ipynb" is a binary file/);
  });

  it('names a dropped folder instead of failing to read it', async () => {
    const { host } = setUp();
    const sent = nextFileEvent(host);
    drag(host, 'drop', files([new File([], 'project')], true));
    expect(((await sent) as FileProblemEvent).message).toMatch(/"project" is a folder/);
  });
});
