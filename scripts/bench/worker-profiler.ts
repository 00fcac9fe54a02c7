/**
 * BENCH_PROFILE for this process and the page's workers (the pull worker, the search worker): CDP auto-attach
 * from the page's session, commands sent through Target.sendMessageToTarget (Playwright's
 * CDPSession has no flat per-target sessions). A worker that starts during a step is
 * profiled from its start; each step writes one profile per worker that ran in it.
 */
import { Session } from 'node:inspector/promises';
import type { CDPSession } from 'playwright-core';

let nodeSession: Session | null = null;

/** This Node process's own CPU profile (the bench's HQ servers run in it). */
export const nodeProfiler = {
  async start(): Promise<void> {
    if (!nodeSession) {
      nodeSession = new Session();
      nodeSession.connect();
      await nodeSession.post('Profiler.enable');
      await nodeSession.post('Profiler.setSamplingInterval', { interval: 500 });
    }
    await nodeSession.post('Profiler.start');
  },
  async stop(): Promise<unknown> {
    const r = await nodeSession!.post('Profiler.stop');
    return r.profile;
  },
};

interface Attached {
  url: string;
  running: boolean;
}

export class WorkerProfiler {
  private readonly workers = new Map<string, Attached>();
  private readonly pending = new Map<number, (result: unknown) => void>();
  private nextId = 1;
  private active = false;

  private constructor(private readonly session: CDPSession) {}

  static async attach(session: CDPSession): Promise<WorkerProfiler> {
    const p = new WorkerProfiler(session);
    session.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type !== 'worker') return;
      const w: Attached = { url: e.targetInfo.url, running: false };
      p.workers.set(e.sessionId, w);
      void p
        .call(e.sessionId, 'Profiler.enable')
        .then(() => p.call(e.sessionId, 'Profiler.setSamplingInterval', { interval: 200 }))
        .then(() => (p.active ? p.startOne(e.sessionId, w) : undefined));
    });
    session.on('Target.detachedFromTarget', (e) => void p.workers.delete(e.sessionId));
    session.on('Target.receivedMessageFromTarget', (e) => {
      const msg = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (msg.id !== undefined) p.pending.get(msg.id)?.(msg.result);
      if (msg.id !== undefined) p.pending.delete(msg.id);
    });
    await session.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    return p;
  }

  private call(sessionId: string, method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    const done = new Promise<unknown>((resolve) => this.pending.set(id, resolve));
    void this.session
      .send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      })
      .catch(() => this.pending.get(id)?.(undefined));
    return done;
  }

  private async startOne(sessionId: string, w: Attached): Promise<void> {
    await this.call(sessionId, 'Profiler.start');
    w.running = true;
  }

  async start(): Promise<void> {
    this.active = true;
    await Promise.all([...this.workers].map(([id, w]) => this.startOne(id, w)));
  }

  /** The profiles of the workers that ran since start(), by worker script URL. */
  async stop(): Promise<Array<{ url: string; profile: unknown }>> {
    this.active = false;
    const out: Array<{ url: string; profile: unknown }> = [];
    for (const [id, w] of this.workers) {
      if (!w.running) continue;
      w.running = false;
      const r = (await this.call(id, 'Profiler.stop')) as { profile?: unknown } | undefined;
      if (r?.profile) out.push({ url: w.url, profile: r.profile });
    }
    return out;
  }
}
