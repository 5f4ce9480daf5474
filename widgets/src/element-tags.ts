/**
 * The tag of every element, for the placeholders (placeholders.ts), which the classic loader installs
 * before anything else is loaded. A browser test (widgets/src/host-pages.test.ts) keeps it equal to
 * custom-elements.json. Written compactly, without the `ig-` prefix: it is part of the up-front 20 KB.
 */
export const ELEMENT_TAGS: readonly string[] = (
  'provider filter-bar channel-kpis freshness chart campaign-table agent-performance saved-analyses dashboard dashboard-editor ai-chat ' +
  'campaign-detail chat-stats journey-funnel timeseries channel-mix heatmap device-stats wallet-stats subscriptions alerts insights'
)
  .split(' ')
  .map((tag) => `ig-${tag}`);
