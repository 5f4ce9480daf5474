/**
 * The `local` engine, for when no ANTHROPIC_API_KEY is set: a deterministic planner maps the question
 * to tool calls (bff/chat/planner/, through the Planner interface of bff/chat/engine.ts), the calls
 * run like the model's would, and a short templated answer in the question's language (es/en/pt) says
 * what was found — or, plainly, that the question cannot be answered.
 */
import { cannotAnswer, describeResult, failedTool, truncatedNote } from './answers.js';
import { resultEvent, toolErrorMessage } from './claude.js';
import { type Engine, type EngineReport, type EngineRequest, type Planner, type ToolAudit } from './engine.js';
import { parseToolCall, TOOLS } from './tools.js';

/** Calls of one plan run at most (a planner bug must not fan out). */
export const MAX_LOCAL_CALLS = 4;

export function createLocalEngine(planner: Planner): Engine {
  return {
    name: 'local',
    async answer(req: EngineRequest, report: EngineReport): Promise<void> {
      report.rounds = 1;
      const say = (text: string) => {
        const delta = report.answer ? ` ${text}` : text;
        report.answer += delta;
        req.emit({ event: 'text', data: { delta } });
      };
      req.emit({ event: 'status', data: { engine: 'local', conversationId: req.conversationId, phase: 'thinking' } });
      const t0 = performance.now();
      const plan = await planner(req.question, { today: req.today, timeZone: req.timeZone, lang: req.lang, host: req.host, history: req.history, projectName: req.projectName });
      report.modelMs = performance.now() - t0;
      if ('unanswerable' in plan || !plan.calls.length) {
        report.outcome = 'unanswerable';
        if ('unanswerable' in plan && plan.said) say(plan.unanswerable);
        else say(cannotAnswer(req.lang, 'unanswerable' in plan ? plan.unanswerable : { es: 'no sé qué datos consultar', en: 'no data to look up', pt: 'não sei que dados consultar' }[req.lang]));
        return;
      }
      req.emit({ event: 'status', data: { engine: 'local', conversationId: req.conversationId, phase: 'running_tools' } });
      const sentences: string[] = [];
      for (const [i, planned] of plan.calls.slice(0, MAX_LOCAL_CALLS).entries()) {
        const id = `local_${i + 1}`;
        const started = performance.now();
        const audit: ToolAudit = { name: planned.name, input: planned.input, ok: false, rows: 0, truncated: false, ms: 0 };
        report.tools.push(audit);
        try {
          const call = parseToolCall(planned.name, planned.input);
          audit.input = call.input;
          req.emit({ event: 'tool', data: { id, name: call.name, input: call.input, certified: TOOLS[call.name].certified } });
          const r = await req.runTool(call, req.signal);
          audit.ok = true;
          audit.rows = r.rows;
          audit.truncated = r.truncated;
          report.rows += r.rows;
          if (r.sql) {
            report.sql.push(r.sql);
            req.emit({ event: 'sql', data: { id, sql: r.sql } });
          }
          req.emit(resultEvent(id, call.name, r));
          sentences.push(describeResult(req.lang, call.name, r, plan.asked) + (r.truncated ? truncatedNote(req.lang) : ''));
        } catch (err) {
          if (req.signal.aborted) throw req.signal.reason ?? err;
          audit.error = toolErrorMessage(err);
          sentences.push(failedTool(req.lang, audit.error));
        } finally {
          audit.ms = Math.round(performance.now() - started);
          report.toolsMs += performance.now() - started;
        }
      }
      req.emit({ event: 'status', data: { engine: 'local', conversationId: req.conversationId, phase: 'answering' } });
      for (const s of sentences) say(s);
      if (!report.tools.some((t) => t.ok)) report.outcome = 'unanswerable';
    },
  };
}
