/**
 * The chat's model: the default, and the start-up warning when the configured model is one the
 * Anthropic SDK marks deprecated (its DEPRECATED_MODELS table, with each model's end of life).
 * The SDK keeps that table in an internal module its package `exports` do not list, so it is read
 * from the installed SDK's files by path: the warning follows the SDK version installed, and
 * a layout change of the SDK only loses the warning (logged at debug), never the start-up.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../../lib/log.js';

/**
 * The default model: the current Sonnet of the installed SDK (its documented example model), not
 * deprecated. `claude-sonnet-4-5`, the previous default, reaches end of life on 2026-11-30.
 */
export const DEFAULT_CHAT_MODEL = 'claude-sonnet-5-5';

let table: Promise<Readonly<Record<string, string>>> | undefined;

/** The SDK's deprecated models → end-of-life date (as the SDK words it); {} when it cannot be read. */
export function sdkDeprecatedModels(): Promise<Readonly<Record<string, string>>> {
  table ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@anthropic-ai/sdk'));
    const mod = (await import(pathToFileURL(join(root, 'internal', 'data', 'deprecated-models.mjs')).href)) as { DEPRECATED_MODELS?: Record<string, string> };
    return mod.DEPRECATED_MODELS ?? {};
  })();
  return table;
}

/** Logs a warning when `model` is deprecated by the installed SDK; resolves to its end of life, if any. */
export async function warnIfDeprecatedModel(model: string, logger: Pick<Logger, 'warn' | 'debug'>): Promise<string | undefined> {
  let deprecated: Readonly<Record<string, string>>;
  try {
    deprecated = await sdkDeprecatedModels();
  } catch (err) {
    logger.debug({ err }, "the Anthropic SDK's deprecated-model table could not be read");
    return undefined;
  }
  const endOfLife = Object.hasOwn(deprecated, model) ? deprecated[model] : undefined;
  if (endOfLife) {
    logger.warn(
      { model, endOfLife, suggested: DEFAULT_CHAT_MODEL },
      `ANTHROPIC_MODEL ${model} is deprecated by the Anthropic SDK (end of life ${endOfLife}); set ANTHROPIC_MODEL to a current model such as ${DEFAULT_CHAT_MODEL}`,
    );
  }
  return endOfLife;
}
