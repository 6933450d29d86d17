// The live stream (Server-Sent Events). The browser's EventSource reconnects by itself and sends
// Last-Event-ID, so the service resumes right after the last change we saw. When the connection is
// closed for good (for instance an error status while the service restarts) we open a new one with the
// last id as a query parameter. A 'reset' event means the history after our id is gone: reload through
// REST, then follow on from the id it names. The service sends a 'heartbeat' at a steady interval: a connection
// that stays silent for longer died without closing (a laptop that slept, a proxy that dropped it), and the
// browser would wait on it for ever, so we close it and open a new one.
import { streamUrl } from './api.js';

const RETRY_MS = [1000, 2000, 5000, 10000];
const READY_WAIT_MS = 3000;
/** How many heartbeat intervals of silence make a connection dead: room for one late heartbeat and a half. */
const SILENCE_INTERVALS = 2.5;
/** The service's heartbeat interval until it names it (its default). */
const DEFAULT_HEARTBEAT_MS = 15000;
/**
 * How long a connection must hold before the page calls itself live, unless an event from the service's change
 * log comes sooner: the service answers before it has read the log for us, and with its database away each
 * connection opened and failed at once, so the status (read out by screen readers) flipped every few seconds.
 */
const LIVE_AFTER_MS = 1500;

/**
 * How long to wait before attempt number {@code attempt} (from 0) of something that failed: about 1, 2, 5, then
 * 10 s, each between half and one and a half times that at random, so that the pages a restart or a full
 * service turned away do not all come back in the same instant.
 */
export function retryDelay(attempt) {
  return RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] * (0.5 + Math.random());
}

export class LiveStream {
  /**
   * @param handlers change(value), reload() -> Promise, reset() -> Promise (a reload that lets go of what was held),
   *   state('connecting'|'live'|'reconnecting'|'reloading')
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.lastEventId = null;
    this.source = null;
    this.failures = 0;
    this.wasDown = false;
    this.heartbeatMs = DEFAULT_HEARTBEAT_MS;
    this.silenceTimer = null;
    this.liveTimer = null;
    /** What the page was last told: 'connecting', 'live', 'reconnecting' or 'reloading'. */
    this.state = null;
    // Set when figures were (or are to be) loaded before the service said where this stream begins: they are
    // loaded again at its first event, since a change committed in between is in neither.
    this.reloadWhenPlaced = false;
    // Settled once the service has said where the stream begins (its first event), or after a few seconds
    // without one: a load through REST started after that misses nothing the stream will not bring.
    this.ready = new Promise(resolve => {
      this.markReady = resolve;
      setTimeout(() => {
        if (!this.lastEventId) this.reloadWhenPlaced = true;
        resolve();
      }, READY_WAIT_MS);
    });
  }

  /**
   * An event with an id: the stream's place is known (and kept for resuming) before {@code handle} runs, and
   * figures loaded too early are loaded again after it, whatever it does.
   */
  placed(event, handle = () => {}) {
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    this.markReady();
    this.live();
    try {
      handle();
    } finally {
      if (this.reloadWhenPlaced) {
        this.reloadWhenPlaced = false;
        this.handlers.reload();
      }
    }
  }

  start() {
    this.open();
  }

  open() {
    this.say(this.wasDown ? 'reconnecting' : 'connecting');
    const source = new EventSource(streamUrl(this.lastEventId));
    this.source = source;
    // Whatever comes from the service shows the connection alive (heard after it is handled, so with the interval a
    // heartbeat names); a connection that never opens is dead too.
    const listen = (name, handle) => source.addEventListener(name, event => {
      handle(event);
      this.heard(source);
    });
    this.heard(source);
    listen('open', () => this.opened());
    listen('heartbeat', event => {
      const interval = Number(JSON.parse(event.data).intervalMillis);
      if (interval > 0) this.heartbeatMs = interval;
    });
    listen('indicator-changed', event => this.placed(event, () => this.handlers.change(JSON.parse(event.data))));
    // How far the service has read for us when none of it changed what we show: our resume point too.
    listen('progress', event => this.placed(event));
    listen('reset', event => {
      const reset = JSON.parse(event.data);
      this.lastEventId = String(reset.latestId);
      this.reloadWhenPlaced = false; // the reload below brings everything
      // Not 'live' while the stream is closed for the reload: changes wait until it is done.
      this.say('reloading');
      this.reopenAfter(this.handlers.reset());
    });
    source.addEventListener('error', () => {
      clearTimeout(this.liveTimer);
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        this.retryLater(source);
      } else {
        // The browser tries again by itself.
        this.wasDown = true;
        this.say('reconnecting');
      }
    });
  }

  /** Something came on {@code source}: it is given the silence of a few heartbeats before it counts as dead. */
  heard(source) {
    if (this.source !== source) return;
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.silent(source), this.heartbeatMs * SILENCE_INTERVALS);
  }

  /** Nothing, not even a heartbeat, for too long: the connection is dead though it never said so. */
  silent(source) {
    if (this.source !== source) return;
    source.close();
    this.retryLater(source);
  }

  /** {@code source} is closed for good: a new connection after the next retry delay, the one retry for it. */
  retryLater(source) {
    clearTimeout(this.silenceTimer);
    this.wasDown = true;
    this.say('reconnecting');
    const delay = retryDelay(this.failures++);
    setTimeout(() => { if (this.source === source) this.open(); }, delay);
  }

  opened() {
    this.failures = 0;
    const resumed = this.wasDown;
    this.wasDown = false;
    const source = this.source;
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => { if (this.source === source && source.readyState !== EventSource.CLOSED) this.live(); }, LIVE_AFTER_MS);
    // Without an event id there is nothing to resume from: what changed while we were away comes by REST, loaded
    // once the service has said where this stream begins (its first event, sent at once).
    if (resumed && !this.lastEventId) this.reloadWhenPlaced = true;
  }

  /** Says 'live', once, for the connection now open. */
  live() {
    clearTimeout(this.liveTimer);
    if (this.state !== 'live') this.say('live');
  }

  say(state) {
    this.state = state;
    this.handlers.state(state);
  }

  reopenAfter(promise) {
    const old = this.source;
    this.source = null;
    old.close();
    Promise.resolve(promise).finally(() => this.open());
  }
}
