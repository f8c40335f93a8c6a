// Keeps an element that shows the runtime's state up to date: it renders again whenever the runtime
// it was given reports a change (start-up progress, ready, status, a reset, a slow start).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Runtime } from './runtime-context.ts';

const EVENTS = ['progress', 'ready', 'status', 'reset', 'slow'] as const;

export class RuntimeWatch implements ReactiveController {
  private listening?: Runtime;
  private readonly refresh = (): void => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost & { runtime?: Runtime }) {
    host.addController(this);
  }

  /** Before each render: follows the host's runtime when it was given another. */
  hostUpdate(): void {
    if (this.listening === this.host.runtime) return;
    this.listen(this.host.runtime);
  }

  hostConnected(): void {
    this.listen(this.host.runtime);
  }

  hostDisconnected(): void {
    this.listen(undefined);
  }

  private listen(runtime: Runtime | undefined): void {
    for (const name of EVENTS) {
      this.listening?.removeEventListener(name, this.refresh);
      runtime?.addEventListener(name, this.refresh);
    }
    this.listening = runtime;
  }
}
