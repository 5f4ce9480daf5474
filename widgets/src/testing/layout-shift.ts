/**
 * Records the page's layout shifts (the `layout-shift` entries CLS sums) from now until `stop()`,
 * which waits two frames first so the last layout is in. Used by the skeleton tests: an element's
 * skeleton holds the box its data takes, so nothing moves when the data (or its chart) arrives.
 */
export function recordLayoutShifts(): { stop(): Promise<number[]> } {
  const shifts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
  });
  observer.observe({ type: 'layout-shift' });
  return {
    async stop() {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const entry of observer.takeRecords()) shifts.push((entry as PerformanceEntry & { value: number }).value);
      observer.disconnect();
      return shifts;
    },
  };
}
