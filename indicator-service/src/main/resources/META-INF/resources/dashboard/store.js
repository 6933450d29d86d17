// Every value the page has seen, by cell; a value replaces another only if its revision is not older, so
// the REST load and the live stream can arrive in any order.
const CHANGED_FOR_MS = 60000;

export class Store {
  constructor() {
    this.values = new Map();
    this.changedAt = new Map();
  }

  static key(indicatorId, level, areaCode, year) {
    return `${indicatorId}|${level}|${areaCode}|${year}`;
  }

  get(indicatorId, level, areaCode, year) {
    return this.values.get(Store.key(indicatorId, level, areaCode, year));
  }

  /**
   * Whether {@code v} is a revision the page has not held yet. The stream can bring again a change the last
   * reload already loaded (it resumes from an id taken before the reload), and that is no news.
   */
  isNews(v) {
    const held = this.values.get(Store.key(v.indicatorId, v.level, v.areaCode, v.year));
    return !held || (held.revision || 0) < (v.revision || 0);
  }

  /** Keeps the value unless a newer revision is held; returns whether it was taken. */
  put(v) {
    const key = Store.key(v.indicatorId, v.level, v.areaCode, v.year);
    const held = this.values.get(key);
    if (held && (held.revision || 0) > (v.revision || 0)) return false;
    this.values.set(key, v);
    return true;
  }

  markChanged(v) {
    this.changedAt.set(Store.key(v.indicatorId, v.level, v.areaCode, v.year), Date.now());
  }

  /** Takes off the marks that have had their time; returns whether there were any. */
  expireMarks(now = Date.now()) {
    let any = false;
    for (const [key, at] of this.changedAt) {
      if (now - at >= CHANGED_FOR_MS) {
        this.changedAt.delete(key);
        any = true;
      }
    }
    return any;
  }

  justChanged(indicatorId, level, areaCode, year) {
    const at = this.changedAt.get(Store.key(indicatorId, level, areaCode, year));
    return at !== undefined && Date.now() - at < CHANGED_FOR_MS;
  }
}

