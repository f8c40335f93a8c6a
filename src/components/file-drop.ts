// Files dropped anywhere on a host element open as a notebook: the host gets the same
// NotebookFileOpenEvent or FileProblemEvent as the "Open file…" button sends.
//
//   class RetortApp extends LitElement {
//     private readonly drop = new FileDropController(this);
//     render() { return html`${this.drop.dragging ? html`<div class="drop-overlay">Drop to open</div>` : nothing}…`; }
//   }
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FileProblemEvent, fileOpenEvent } from './file-events.ts';

export class FileDropController implements ReactiveController {
  /** True while files are dragged over the host: render a "drop to open" overlay from it. */
  dragging = false;
  /** True while dropped files are being read. */
  reading = false;
  // dragenter and dragleave fire for every child the pointer crosses; count them so that moving
  // between children does not make the overlay flicker.
  private depth = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  // Listening in the capture phase, the host sees a file drag before anything inside it: a code
  // editor would otherwise paste a dropped file's text into a cell as well.
  hostConnected(): void {
    this.host.addEventListener('dragenter', this.onEnter, true);
    this.host.addEventListener('dragover', this.onOver, true);
    this.host.addEventListener('dragleave', this.onLeave, true);
    this.host.addEventListener('drop', this.onDrop, true);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('dragenter', this.onEnter, true);
    this.host.removeEventListener('dragover', this.onOver, true);
    this.host.removeEventListener('dragleave', this.onLeave, true);
    this.host.removeEventListener('drop', this.onDrop, true);
    this.set(false);
  }

  // Dragged text, links and the page's own elements are left to whoever handles them.
  private static carriesFiles(event: DragEvent): boolean {
    return event.dataTransfer?.types.includes('Files') ?? false;
  }

  private set(dragging: boolean): void {
    if (!dragging) this.depth = 0;
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    this.host.requestUpdate();
  }

  private readonly onEnter = (event: DragEvent): void => {
    if (!FileDropController.carriesFiles(event)) return;
    event.preventDefault();
    this.depth += 1;
    this.set(true);
  };

  private readonly onOver = (event: DragEvent): void => {
    if (!FileDropController.carriesFiles(event)) return;
    // Without this the browser would open the file itself, leaving the app.
    event.preventDefault();
    event.stopPropagation();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  private readonly onLeave = (event: DragEvent): void => {
    if (!FileDropController.carriesFiles(event)) return;
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) this.set(false);
  };

  private readonly onDrop = (event: DragEvent): void => {
    if (!FileDropController.carriesFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    this.set(false);
    const transfer = event.dataTransfer;
    if (!transfer) return;
    // A folder arrives as a File that cannot be read; name it before trying.
    const folder = Array.from(transfer.items).find((item) => item.webkitGetAsEntry?.()?.isDirectory);
    if (folder) {
      const name = folder.getAsFile()?.name ?? 'A folder';
      this.host.dispatchEvent(new FileProblemEvent(`"${name}" is a folder. Open the notebook and its .py modules from inside it instead.`));
      return;
    }
    void this.read(Array.from(transfer.files));
  };

  private async read(files: File[]): Promise<void> {
    this.reading = true;
    this.host.requestUpdate();
    try {
      this.host.dispatchEvent(await fileOpenEvent(files));
    } finally {
      this.reading = false;
      this.host.requestUpdate();
    }
  }
}
