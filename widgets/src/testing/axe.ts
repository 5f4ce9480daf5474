/**
 * The accessibility check of the element tests: axe-core (loaded once from node_modules as a classic
 * script) over an element, shadow roots included, with WCAG 2.x A/AA rules (colour contrast too).
 * Fails with one readable line per violation and node.
 */
interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}
interface Axe {
  run(context: Element, options: Record<string, unknown>): Promise<AxeResult>;
}

let loading: Promise<Axe> | undefined;

function loadAxe(): Promise<Axe> {
  loading ??= new Promise<Axe>((resolve, reject) => {
    const existing = (globalThis as { axe?: Axe }).axe;
    if (existing) return resolve(existing);
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve((globalThis as unknown as { axe: Axe }).axe);
    script.onerror = () => reject(new Error('axe-core could not be loaded'));
    document.head.append(script);
  });
  return loading;
}

/** Rejects when axe finds any WCAG 2.x A/AA violation in `element` (and its shadow roots). */
export async function expectAccessible(element: Element): Promise<void> {
  const axe = await loadAxe();
  const result = await axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    resultTypes: ['violations'],
  });
  if (result.violations.length === 0) return;
  const lines = result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary}` : ''}`),
  );
  throw new Error(`axe found ${lines.length} accessibility violation(s):\n${lines.join('\n')}`);
}
