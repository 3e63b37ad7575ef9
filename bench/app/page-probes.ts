/**
 * Measurements that run inside the app's page (passed to page.evaluate / waitForFunction, so each is self-contained
 * and reads only the DOM and `performance.now()`, the page's own clock).
 */

/** Installed before any page script: the time of the last `input` event, for keystroke → results latency. */
export function recordInputTimes(): void {
  const w = globalThis as unknown as { __benchLastInput: number };
  w.__benchLastInput = 0;
  document.addEventListener(
    'input',
    () => {
      w.__benchLastInput = performance.now();
    },
    true,
  );
}

/** The number in the clients list's total ("100 000 клиентов"), or -1 when it is not shown. */
export function shownTotal(): number {
  for (const el of Array.from(document.querySelectorAll('[aria-live="polite"]'))) {
    const text = el.textContent ?? '';
    if (/клиент/.test(text)) return Number(text.replace(/\D/g, ''));
  }
  return -1;
}

/** performance.now() once the clients table shows a real (not placeholder) row; false until then. */
export function firstRowShown(): number | false {
  return document.querySelector('tr[data-client-row]') ? performance.now() : false;
}

/** performance.now() once the table shows rows, the total is `expected` and the quick search box is enabled. */
export function clientsInteractive(expected: number): number | false {
  let total = -1;
  for (const el of Array.from(document.querySelectorAll('[aria-live="polite"]'))) {
    const text = el.textContent ?? '';
    if (/клиент/.test(text)) total = Number(text.replace(/\D/g, ''));
  }
  const box = document.querySelector<HTMLInputElement>('input[aria-label="Поиск клиентов"]');
  const row = document.querySelector('tr[data-client-row]');
  return row && total === expected && box && !box.disabled && !box.readOnly ? performance.now() : false;
}

export interface ScrollResult {
  rowHeight: number;
  rowsScrolled: number;
  intervals: number[];
  /** Frames whose start found a placeholder row inside the visible part of the table. */
  blankFrames: number;
  /** Sum of those frames' intervals, and the longest unbroken run of them. */
  blankMs: number;
  longestBlankMs: number;
  /** After the last scroll step: until no placeholder row is visible. */
  settleMs: number;
}

/** Scrolls the clients table `rows` rows down, `rowsPerFrame` per animation frame, timing every frame. */
export function scrollClientsTable(args: { rows: number; rowsPerFrame: number }): Promise<ScrollResult> {
  const table = document.querySelector('table[aria-rowcount]');
  const scroller = table?.parentElement;
  const firstRow = document.querySelector('tr[data-row-index]');
  if (!scroller || !firstRow) throw new Error('no clients table on the page');
  const rowHeight = firstRow.getBoundingClientRect().height;
  const frames = Math.ceil(args.rows / args.rowsPerFrame);
  const blankVisible = () => {
    const view = scroller.getBoundingClientRect();
    for (const r of Array.from(scroller.querySelectorAll('tr[aria-busy="true"]'))) {
      const b = r.getBoundingClientRect();
      if (b.bottom > view.top + 1 && b.top < view.bottom - 1) return true;
    }
    return false;
  };
  const intervals: number[] = [];
  let blankFrames = 0;
  let blankMs = 0;
  let run = 0;
  let longestBlankMs = 0;
  const start = scroller.scrollTop;
  return new Promise((resolve) => {
    let last = performance.now();
    let frame = 0;
    const settle = (t0: number) => {
      const check = (now: number) => {
        if (!blankVisible() || now - t0 > 30_000) {
          resolve({
            rowHeight,
            rowsScrolled: Math.round((scroller.scrollTop - start) / rowHeight),
            intervals,
            blankFrames,
            blankMs,
            longestBlankMs,
            settleMs: now - t0,
          });
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    };
    const step = (now: number) => {
      if (frame > 0) {
        const dt = now - last;
        intervals.push(dt);
        if (blankVisible()) {
          blankFrames++;
          blankMs += dt;
          run += dt;
          longestBlankMs = Math.max(longestBlankMs, run);
        } else run = 0;
      }
      last = now;
      if (frame++ < frames) {
        scroller.scrollTop += args.rowsPerFrame * rowHeight;
        requestAnimationFrame(step);
      } else settle(now);
    };
    requestAnimationFrame(step);
  });
}

/** Starts recording the time of the last DOM change under `root` (a CSS selector, or the clients list's column). */
export function watchMutations(root: string | null): void {
  let el: Element | null = root ? document.querySelector(root) : null;
  if (!root) {
    // The clients list: the nearest ancestor of the table that also holds the total.
    el = document.querySelector('table[aria-rowcount]');
    while (el && !el.querySelector('[aria-live="polite"]')) el = el.parentElement;
  }
  if (!el) throw new Error(`nothing to watch at ${root ?? 'the clients list'}`);
  const w = globalThis as unknown as { __benchObserver?: MutationObserver; __benchLastMutation: number };
  w.__benchObserver?.disconnect();
  w.__benchLastMutation = 0;
  w.__benchObserver = new MutationObserver(() => {
    w.__benchLastMutation = performance.now();
  });
  w.__benchObserver.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
}

/**
 * Resolves once `input` holds `value` and nothing under the watched root has changed for `quietMs`: the last change
 * after the last keystroke is when the results were rendered. Returns that latency (ms) and what is shown.
 */
export function awaitResults(args: {
  input: string;
  value: string;
  quietMs: number;
  maxMs: number;
  options: string;
}) {
  const w = globalThis as unknown as { __benchLastInput: number; __benchLastMutation: number };
  const t0 = performance.now();
  return new Promise<{ ms: number; shown: string; timedOut: boolean }>((resolve) => {
    const check = () => {
      const now = performance.now();
      const box = document.querySelector<HTMLInputElement>(args.input);
      const last = Math.max(w.__benchLastInput, w.__benchLastMutation);
      const quiet = box?.value === args.value && now - last >= args.quietMs;
      if (quiet || now - t0 > args.maxMs) {
        const shown =
          args.options === 'total'
            ? String(
                Array.from(document.querySelectorAll('[aria-live="polite"]'))
                  .map((e) => e.textContent ?? '')
                  .find((t) => /клиент/.test(t)) ?? 'no total',
              )
            : `${document.querySelectorAll(args.options).length} hits`;
        resolve({ ms: Math.max(0, w.__benchLastMutation - w.__benchLastInput), shown, timedOut: !quiet });
      } else setTimeout(check, 20);
    };
    check();
  });
}
